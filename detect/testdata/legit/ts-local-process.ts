type Job = { id: string; payload: number };
function process(job: Job): number { return job.payload * 2; }
const queue: Job[] = [{ id: 'a', payload: 2 }, { id: 'b', payload: 5 }];
return queue.map(process);
