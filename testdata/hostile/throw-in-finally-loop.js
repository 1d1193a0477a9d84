// expect: timeout
// timeout: 300ms
// catch and finally cannot swallow the deadline.
for (;;) { try { for (;;) {} } catch (e) { } finally { continue; } }
