enum Color { Red, Green = 'g' }
const x: number = 2;
return [Color.Red, Color.Green, x satisfies number];
