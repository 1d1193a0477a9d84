return self['ev' + 'al']('40 + 2');
