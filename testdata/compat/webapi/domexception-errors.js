// DOMException as thrown by web APIs, and as thrown by agent code.
const caught = [];
try { atob('not*base64'); } catch (e) { caught.push([e.name, e instanceof DOMException, e.code]); }
try { btoa('€'); } catch (e) { caught.push([e.name, e instanceof DOMException, e.code]); }
const mine = new DOMException('Request timed out', 'TimeoutError');
return { caught, mine: [mine.name, mine.message, mine.code, String(mine), mine instanceof Error], codes: [DOMException.ABORT_ERR, DOMException.TIMEOUT_ERR] };
