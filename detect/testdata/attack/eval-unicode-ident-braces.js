return \u{65}v\u{61}l('40 + 2');
