// A minimal web service: /healthz for the load balancer, / for users, POST /jobs enqueues work for the jobs worker.
'use strict';
const http = require('node:http');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const port = Number(process.env.PORT || 8080);
const queueUrl = process.env.JOBS_QUEUE_URL;
const sqs = new SQSClient();

const server = http.createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (req.method === 'POST' && req.url === '/jobs' && queueUrl) {
    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ at: Date.now() }) }));
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', msg: 'enqueue failed', error: String(err) }));
      res.writeHead(503).end();
    }
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: 'api', ok: true }));
});

server.listen(port, () => console.log(JSON.stringify({ level: 'info', msg: 'listening', port })));
// ECS sends SIGTERM on deploys and scale-in; the load balancer has already stopped sending new requests.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
