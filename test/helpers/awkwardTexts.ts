/**
 * Synthetic texts that take every branch of the CSV rules: quoting, formula neutralisation, line
 * breaks, non-ASCII, control characters and lone surrogates that the cleaning removes.
 */
export const AWKWARD_TEXTS = [
  '',
  'plain',
  'SYN-0000001',
  '=1+1',
  '+1',
  '-1',
  '@SUM(1)',
  '\tindented',
  '\rstarts with CR',
  'said "no"',
  'a,b',
  'line\nbreak',
  'crlf\r\nin cell',
  'Müller–Lüdenscheid',
  'emoji \u{1F600}',
  '=naïve',
  'lone \ud800 surrogate',
  '\udc00 low first',
  'bell\u0007inside',
  '\u0001=hidden formula',
  'para\u2029graph',
  'DEL\u007f',
  '~ASCII edge ',
  ' leading space',
  "'already quoted",
];
