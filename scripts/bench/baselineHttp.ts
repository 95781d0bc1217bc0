/** Baseline 1: raw node:http sending the identical bytes of the thread page, from memory. */
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.env.PAGE_FILE as string);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(0, () => {
  const address = server.address();
  console.log(`listening on http://localhost:${typeof address === 'object' && address ? address.port : 0}`);
});
