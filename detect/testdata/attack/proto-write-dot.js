({}).__proto__.polluted = 1;
return {}.polluted;
