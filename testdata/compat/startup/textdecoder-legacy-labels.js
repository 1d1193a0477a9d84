const labels = ["latin2", "cp1251", "koi8-r", "gb2312", "big5", "euc-kr", "euc-jp", "iso-8859-15", "windows-874", "x-mac-cyrillic", "logical", "ms932"];
return labels.map((l) => [l, new TextDecoder(l).encoding]);
