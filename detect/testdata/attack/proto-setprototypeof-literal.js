Object.setPrototypeOf(Object.getPrototypeOf({}), null);
return 1;
