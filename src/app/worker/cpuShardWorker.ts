// Web Worker entry of the CPU pool (browserThreads.ts): answers the pool's requests with the
// shard handler of src/sim/cpuShard.ts, transferring the packed logits instead of copying them.
import { createShardHandler, type ShardRequest } from '../../sim/cpuShard';

const handle = createShardHandler();
addEventListener('message', (e: MessageEvent<ShardRequest>) => {
  const { reply, transfer } = handle(e.data);
  postMessage(reply, { transfer });
});
