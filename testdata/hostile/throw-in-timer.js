// expect: error
setTimeout(() => { null.x; }, 1);
return 'returned first';
