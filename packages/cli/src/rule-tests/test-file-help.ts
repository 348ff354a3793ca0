/** What `accolade test --help` says after the options: the test file format, in brief. */
export const TEST_FILE_HELP = `
A test file (*.test.yml) names the rules under test and lists cases; each case
starts from empty stores, processes its messages in order, and must produce
exactly the awards listed:

  rules: ../rules              # rule files or folders, relative to this file (required)
  history: history.jsonl       # optional .jsonl, stored before every case
  cases:
    - name: the third comment earns it
      history: [...]           # optional messages stored first, never evaluated
      messages:                # processed in order
        - {id: m1, topic: org.fedoraproject.prod.bodhi.update.comment, usernames: [ralph], body: {...}}
      awards:                  # exactly the awards expected (message_id optional)
        - {badge_id: commenter-iii, user: ralph, message_id: m1}
      existing_awards: []      # optional: awards held before the case
      users: [ralph]           # optional: the accounts that exist
      skip_users: []           # optional
      opted_out: []            # optional

Every problem is reported as file:line:column: message. Exit 0 when every case
passes, 1 when any fails, 2 for a usage error.
JSON Schema for editors: accolade schema --test-file (also @accolade/cli/test-file.schema.json).
Full format and output formats: https://github.com/accolade/accolade/blob/main/docs/cli.md#test
`;
