return \u0065val('40 + 2');
