// expect: error
const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
revoke();
return proxy;
