// expect: invalid
// Code that is not valid UTF-8 is refused.
return "ÿþ";
