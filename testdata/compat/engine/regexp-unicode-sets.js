const word = "Programming";
const vowels = word.match(/[[a-z]&&[aeiou]]/gv);
const consonants = word.toLowerCase().match(/[[a-z]--[aeiou]]/gv);
const noDigits = "a1b2_c3".replace(/[\w--\d]/gv, "*");
return { vowels, consonants, noDigits, flags: /x/v.flags, unicode: /x/v.unicode, sets: /x/v.unicodeSets };
