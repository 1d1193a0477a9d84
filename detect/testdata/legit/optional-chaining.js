const users = [{ profile: { address: { city: 'Porto' } } }, { profile: null }, {}];
return users.map((u) => u.profile?.address?.city ?? 'unknown');
