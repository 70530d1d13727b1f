// worker_threads entry of the CPU pool (nodeThreads.ts): answers the pool's requests with the
// shard handler of src/sim/cpuShard.ts, transferring the packed logits instead of copying them.
import { parentPort } from 'node:worker_threads';
import { createShardHandler, type ShardRequest } from '../sim/cpuShard';

const handle = createShardHandler();
parentPort!.on('message', (request: ShardRequest) => {
  const { reply, transfer } = handle(request);
  parentPort!.postMessage(reply, transfer);
});
