const notes = [
  'We need to process the refund before Friday.',
  'These steps require (at least) two approvals.',
  'The import of goods from the EU was delayed.',
  'Peer review is an eval of the constructor pattern in OOP.',
  'Function (x) maps each row; return this form when done.',
];
const tags = notes.map((n) => n.toLowerCase().match(/\b(process|require|import|eval|function)\b/g) || []);
return { count: notes.length, tags };
