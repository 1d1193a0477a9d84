Object['proto' + 'type'].polluted = 1;
return {}.polluted;
