/**
 * For tests of code that uses the preset: a local FASJSON that serves
 * FASJSON's response shapes over real HTTP, with programmable faults.
 */
export { FasjsonStandIn, type StandInUser, type Fault } from './fasjson-stand-in.js';
