// Every service on a PurSight server, seen from Node.js with nothing but the server:
// server reflection (grpc.reflection.v1alpha) lists the services and, for each, the
// file that declares it, from which its methods are read; the health service
// (grpc.health.v1) answers for each by its full name, with the version in a header.
// Only @grpc/grpc-js and @grpc/proto-loader (and the protobufjs they ship); the two
// infrastructure protocols are declared inline below, as any client would vendor them.
//
// Usage: node service_client.mjs --address HOST:PORT
// Prints one JSON object: {"services": {name: {"health", "version", "methods"}}}.
// tests/contract/test_every_service_from_node.py checks it.

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const protobufRequire = createRequire(require.resolve('@grpc/proto-loader'));
const protobuf = protobufRequire('protobufjs');
const DESCRIPTOR = protobuf.Root.fromJSON(protobufRequire('protobufjs/google/protobuf/descriptor.json'));
const FileDescriptorProto = DESCRIPTOR.lookupType('google.protobuf.FileDescriptorProto');
const DEADLINE_MS = 10_000;

const PROTOCOLS = `
syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }
`;
const REFLECTION = `
syntax = "proto3";
package grpc.reflection.v1alpha;
service ServerReflection {
  rpc ServerReflectionInfo(stream ServerReflectionRequest) returns (stream ServerReflectionResponse);
}
message ServerReflectionRequest {
  string host = 1;
  oneof message_request {
    string file_by_filename = 3;
    string file_containing_symbol = 4;
    string list_services = 7;
  }
}
message ServerReflectionResponse {
  string valid_host = 1;
  ServerReflectionRequest original_request = 2;
  oneof message_response {
    FileDescriptorResponse file_descriptor_response = 4;
    ListServiceResponse list_services_response = 6;
    ErrorResponse error_response = 7;
  }
}
message FileDescriptorResponse { repeated bytes file_descriptor_proto = 1; }
message ListServiceResponse { repeated ServiceResponse service = 1; }
message ServiceResponse { string name = 1; }
message ErrorResponse { int32 error_code = 1; string error_message = 2; }
`;

function load(text) {
  const root = protobuf.parse(text, { keepCase: true }).root;
  const definition = protoLoader.fromJSON(root.toJSON(), { keepCase: true, enums: String, defaults: true });
  return grpc.loadPackageDefinition(definition);
}

function deadline() {
  return new Date(Date.now() + DEADLINE_MS);
}

/** One reflection request on its own stream; resolves with the response. */
function reflect(client, request) {
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo({ deadline: deadline() });
    stream.on('data', (response) => {
      resolve(response);
      stream.end();
    });
    stream.on('error', reject);
    stream.write({ host: '', ...request });
  });
}

function check(client, service) {
  return new Promise((resolve, reject) => {
    let version = '';
    const call = client.Check({ service }, { deadline: deadline() }, (error, reply) => {
      if (error) reject(error);
      else resolve({ health: reply.status, version });
    });
    call.on('metadata', (metadata) => {
      version = String(metadata.get('pursight-version')[0] ?? '');
    });
  });
}

function methodsOf(response, fullName) {
  const files = response.file_descriptor_response?.file_descriptor_proto ?? [];
  for (const bytes of files) {
    const file = FileDescriptorProto.decode(bytes);
    for (const service of file.service ?? []) {
      if (`${file.package}.${service.name}` === fullName) {
        return (service.method ?? []).map((m) => m.name).sort();
      }
    }
  }
  throw new Error(`reflection returned no file declaring ${fullName}`);
}

async function main() {
  const { values } = parseArgs({ options: { address: { type: 'string' } } });
  const address = values.address ?? process.env.PURSIGHT_ADDRESS;
  if (!address) {
    process.stderr.write('usage: node service_client.mjs --address HOST:PORT\n');
    process.exit(2);
  }
  const credentials = grpc.credentials.createInsecure();
  const health = new (load(PROTOCOLS).grpc.health.v1.Health)(address, credentials);
  const reflection = new (load(REFLECTION).grpc.reflection.v1alpha.ServerReflection)(address, credentials);
  const listed = await reflect(reflection, { list_services: '' });
  const names = listed.list_services_response.service.map((s) => s.name).sort();
  const services = {};
  for (const name of names.filter((n) => n.startsWith('pursight.'))) {
    const file = await reflect(reflection, { file_containing_symbol: name });
    services[name] = { ...(await check(health, name)), methods: methodsOf(file, name) };
  }
  health.close();
  reflection.close();
  process.stdout.write(`${JSON.stringify({ listed: names, services })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
