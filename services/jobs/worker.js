// A minimal SQS worker: long-polls its queue (QUEUE_URL), handles one message at a time, deletes it when done.
// A message that keeps failing returns after the visibility timeout and moves to the dead-letter queue after
// maxReceiveCount receives. On SIGTERM (deploy or scale-in) it finishes the message in hand and exits.
'use strict';
const { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs');

const queueUrl = process.env.QUEUE_URL;
if (!queueUrl) throw new Error('QUEUE_URL is not set');
const sqs = new SQSClient();
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

async function handle(message) {
  const body = JSON.parse(message.Body);
  console.log(JSON.stringify({ level: 'info', msg: 'processing', id: message.MessageId, body }));
}

async function main() {
  while (!stopping) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 }),
    );
    for (const message of Messages) {
      try {
        await handle(message);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      } catch (err) {
        console.error(JSON.stringify({ level: 'error', msg: 'failed; SQS will redeliver', id: message.MessageId, error: String(err) }));
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(JSON.stringify({ level: 'error', msg: 'worker crashed', error: String(err) }));
    process.exit(1);
  },
);
