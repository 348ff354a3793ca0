import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xmlAttribute, xmlAttributes, xmlText } from './xml.js';

const attributeOf = (value: string): unknown => {
  const doc = `<a v="${xmlAttribute(value)}"/>`;
  expect(XMLValidator.validate(doc)).toBe(true);
  return (new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true, trimValues: false }).parse(doc) as { a: Record<string, unknown> }).a['@_v'];
};

describe('xml escaping', () => {
  it('escapes markup in text and attributes', () => {
    expect(xmlText(`<b a="1">Tom & 'Jerry'</b>`)).toBe(`&lt;b a="1"&gt;Tom &amp; 'Jerry'&lt;/b&gt;`);
    expect(xmlAttribute(`<"Tom" & 'Jerry'>`)).toBe('&lt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&gt;');
  });

  it('keeps line breaks and tabs of an attribute, which a parser would turn into spaces', () => {
    expect(xmlAttribute('a\nb\tc\r')).toBe('a&#10;b&#9;c&#13;');
    expect(attributeOf('a & b\nc')).toBe('a & b\nc');
  });

  it('replaces characters XML cannot hold, keeping pairs of surrogates', () => {
    expect(xmlText('a\u0000b\u001Fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(xmlText('lone \uD800 and \uDC00, pair \uD83D\uDE00')).toBe('lone \uFFFD and \uFFFD, pair \uD83D\uDE00');
    expect(XMLValidator.validate(`<a>${xmlText('\u0001<&>\u0008')}</a>`)).toBe(true);
  });

  it('writes attributes in order, leaving out undefined ones', () => {
    expect(xmlAttributes({ name: 'x<y', line: 4, file: undefined })).toBe(' name="x&lt;y" line="4"');
  });
});
