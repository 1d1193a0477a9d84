// expect: error
const s: string = `never closed ${
