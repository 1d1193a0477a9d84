// Combine a user cancel and a deadline with AbortSignal.any.
const user = new AbortController();
const deadline = new AbortController();
const signal = AbortSignal.any([user.signal, deadline.signal]);
const events = [];
signal.onabort = () => events.push('onabort');
signal.addEventListener('abort', (e) => events.push(e.type + ':' + (e.target === signal)));
deadline.abort(new Error('deadline passed'));
user.abort('user cancelled');
return { events, aborted: signal.aborted, reason: signal.reason.message, already: AbortSignal.abort('x').reason };
