Object['prototype'].polluted = 1;
return {}.polluted;
