// A PurSight client written the way a Node.js team would write one: @grpc/grpc-js and
// @grpc/proto-loader over the .proto contract, nothing generated from Python.
//
// It logs in with an admin bearer token, creates a workspace, writes a small catalog
// (database > schema > table > columns, one column classified), reads it back, searches
// it with facets, edits it through an update mask guarded by an etag, and checks that
// refusals carry the status codes and google.rpc details the contract promises.
// It prints one JSON object with what it saw; tests/contract/test_node_client.py checks it.
//
// Usage: node catalog_client.mjs --address HOST:PORT [--token TOKEN]
//   The token may come from PURSIGHT_TOKEN instead (keeps it out of the process list);
//   the address from PURSIGHT_ADDRESS.
// Exit status: 0 when every step behaved, 1 with a message on stderr otherwise, 2 on
// bad usage.
//
// Field names are kept as written in the .proto files (keepCase), like the Python
// stubs and like the paths of a google.protobuf.FieldMask.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
// protobufjs is what proto-loader is built on. Take the very copy proto-loader uses,
// so the only dependencies stay the three pinned in package.json.
const protobuf = createRequire(require.resolve('@grpc/proto-loader'))('protobufjs');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PROTO_ROOT = path.join(REPO, 'proto');
// protobufjs bundles most well-known types; descriptor.proto (needed by google/api
// options) ships as a file beside its package.json.
const PROTOBUFJS_ROOT = path.dirname(
  createRequire(require.resolve('@grpc/proto-loader')).resolve('protobufjs/package.json'),
);
const PROTO_FILES = [
  'pursight/auth/v1/auth.proto',
  'pursight/workspace/v1/workspace.proto',
  'pursight/catalog/v1/catalog.proto',
  'google/rpc/status.proto',
  'google/rpc/error_details.proto',
];
const PARSE_OPTIONS = { keepCase: true };
const CONVERSION = { longs: String, enums: String, defaults: true, oneofs: true };
const DEADLINE_MS = 10_000;

class StepError extends Error {}

/** One protobufjs Root for the whole contract: the services and google.rpc details. */
function loadRoot() {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    if (protobuf.common.get(target)) return target; // bundled well-known type
    for (const dir of [PROTO_ROOT, PROTOBUFJS_ROOT]) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    throw new StepError(`cannot find ${target} (imported by ${origin || 'the client'})`);
  };
  root.loadSync(PROTO_FILES, PARSE_OPTIONS);
  root.resolveAll();
  return root;
}

const USAGE =
  'usage: node catalog_client.mjs --address HOST:PORT [--token TOKEN]\n' +
  '  (or PURSIGHT_ADDRESS and PURSIGHT_TOKEN in the environment)\n';

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { address: { type: 'string' }, token: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const address = values.address ?? process.env.PURSIGHT_ADDRESS;
  const token = values.token ?? process.env.PURSIGHT_TOKEN;
  if (!address || !token) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  return { address, token };
}

/** Calls a unary method; rejects with the grpc-js error, tagged with the method's name. */
function unary(client, method, request, metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + DEADLINE_MS }, (err, reply) =>
      err ? reject(Object.assign(err, { method })) : resolve(reply),
    );
  });
}

/** Decodes the google.rpc.Status a server put in the `grpc-status-details-bin` trailer. */
function richStatus(root, err) {
  const [raw] = err.metadata?.get('grpc-status-details-bin') ?? [];
  if (raw === undefined) return null;
  const Status = root.lookupType('google.rpc.Status');
  const status = Status.decode(raw);
  return {
    code: status.code,
    message: status.message,
    details: status.details.map((any) => {
      const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
      const type = root.lookupType(typeName);
      return { type: typeName, ...type.toObject(type.decode(any.value), CONVERSION) };
    }),
  };
}

/** Runs a call that must fail with `code`; returns what the failure carried. */
async function expectFailure(root, label, code, call) {
  let reply;
  try {
    reply = await call();
  } catch (err) {
    if (err.code !== code) {
      throw new StepError(
        `${label}: expected ${grpc.status[code]} (${code}), got ${err.code}: ${err.details}`,
      );
    }
    return { code: err.code, message: err.details, status: richStatus(root, err) };
  }
  throw new StepError(
    `${label}: expected ${grpc.status[code]}, the call succeeded: ${JSON.stringify(reply)}`,
  );
}

/** A step that went wrong, a call that should have worked, or a bug of this client. */
function describeFailure(err) {
  if (err instanceof StepError) return err.message;
  if (err.method !== undefined) return `${err.method} failed: ${err.message}`;
  return err.stack ?? String(err);
}

function summarizeAsset(asset) {
  return {
    name: asset.name,
    qualified_name: asset.qualified_name,
    type: asset.type,
    display_name: asset.display_name,
    parent: asset.parent,
    description: asset.description,
    owners: asset.owners,
    tags: asset.tags,
    etag: asset.etag,
    classifications: asset.classifications.map((c) => ({
      label: c.label,
      confidence: c.confidence,
      origin: c.origin,
    })),
    column: asset.column,
    table: asset.table,
  };
}

/** The catalog the client writes, parents first, each naming its parent by qualified name. */
function catalogAssets(prefix) {
  const database = `${prefix}/shop`;
  const schema = `${database}/public`;
  const table = `${schema}/customers`;
  return [
    { qualified_name: database, type: 'ASSET_TYPE_DATABASE', display_name: 'shop' },
    { qualified_name: schema, type: 'ASSET_TYPE_SCHEMA', display_name: 'public', parent: database },
    {
      qualified_name: table,
      type: 'ASSET_TYPE_TABLE',
      display_name: 'customers',
      parent: schema,
      source_description: 'Registered web shop customers',
      table: { row_count: '1200', column_count: 2 },
    },
    {
      qualified_name: `${table}#id`,
      type: 'ASSET_TYPE_COLUMN',
      display_name: 'id',
      parent: table,
      column: { data_type: 'bigint', nullable: false, ordinal_position: 1, primary_key: true },
    },
    {
      qualified_name: `${table}#email`,
      type: 'ASSET_TYPE_COLUMN',
      display_name: 'email',
      parent: table,
      column: { data_type: 'character varying(255)', nullable: true, ordinal_position: 2 },
      classifications: [{ label: 'pii.email', confidence: 0.97 }],
    },
  ];
}

async function run({ address, token }) {
  const root = loadRoot();
  const definition = protoLoader.fromJSON(root.toJSON(), { ...PARSE_OPTIONS, ...CONVERSION });
  const pursight = grpc.loadPackageDefinition(definition).pursight;
  const credentials = grpc.credentials.createInsecure();
  const auth = new pursight.auth.v1.AuthService(address, credentials);
  const workspaces = new pursight.workspace.v1.WorkspaceService(address, credentials);
  const catalog = new pursight.catalog.v1.CatalogService(address, credentials);
  const admin = new grpc.Metadata();
  admin.set('authorization', `Bearer ${token}`);
  const suffix = randomBytes(4).toString('hex');

  try {
    const who = await unary(auth, 'WhoAmI', {}, admin);

    const workspace = await unary(
      workspaces,
      'CreateWorkspace',
      { workspace: { display_name: `Node contract ${suffix}`, labels: { client: 'node' } } },
      admin,
    );

    const prefix = `postgresql://node-${suffix}.example.com:5432`;
    const upsert = await unary(
      catalog,
      'BatchUpsertAssets',
      { parent: workspace.name, assets: catalogAssets(prefix) },
      admin,
    );
    const byQualifiedName = Object.fromEntries(upsert.assets.map((a) => [a.qualified_name, a]));
    const table = byQualifiedName[`${prefix}/shop/public/customers`];
    const email = byQualifiedName[`${prefix}/shop/public/customers#email`];
    if (!table || !email) {
      throw new StepError('BatchUpsertAssets did not return the table and the email column');
    }

    const fetched = await unary(catalog, 'GetAsset', { name: email.name }, admin);

    const search = await unary(
      catalog,
      'SearchAssets',
      { parent: workspace.name, query: 'customers', facets: ['type', 'classification'] },
      admin,
    );

    const mask = { paths: ['description', 'owners', 'tags'] };
    const updated = await unary(
      catalog,
      'UpdateAsset',
      {
        asset: {
          name: table.name,
          etag: table.etag,
          description: 'Customers of the web shop, one row per account.',
          owners: ['users/admin'],
          tags: ['gold', 'crm'],
          // Outside the mask: the server must leave it alone.
          display_name: 'not-in-the-mask',
        },
        update_mask: mask,
      },
      admin,
    );

    // The table's first etag is stale now: a second writer holding it must be refused.
    const staleEtag = await expectFailure(
      root,
      'UpdateAsset with a stale etag',
      grpc.status.ABORTED,
      () =>
        unary(
          catalog,
          'UpdateAsset',
          {
            asset: { name: table.name, etag: table.etag, description: 'a lost update' },
            update_mask: { paths: ['description'] },
          },
          admin,
        ),
    );

    const unauthenticated = await expectFailure(
      root,
      'GetAsset without a token',
      grpc.status.UNAUTHENTICATED,
      () => unary(catalog, 'GetAsset', { name: email.name }),
    );

    const invalidQualifiedName = `${prefix}/shop/public/Broken`;
    const invalidArgument = await expectFailure(
      root,
      'BatchUpsertAssets with a bad asset',
      grpc.status.INVALID_ARGUMENT,
      () =>
        unary(
          catalog,
          'BatchUpsertAssets',
          {
            parent: workspace.name,
            assets: [
              // No type, no display name, an upper-case label and a confidence above 1.
              {
                qualified_name: invalidQualifiedName,
                classifications: [{ label: 'PII Email', confidence: 1.5 }],
              },
            ],
          },
          admin,
        ),
    );

    return {
      whoami: {
        principal: who.principal,
        user_name: who.user?.name ?? null,
        platform_admin: who.user?.platform_admin ?? null,
        token_id: who.token_id,
        token_expire_seconds: who.token_expire_time?.seconds ?? null,
      },
      workspace: {
        name: workspace.name,
        display_name: workspace.display_name,
        creator: workspace.creator,
        labels: workspace.labels,
      },
      prefix,
      upsert: {
        created_count: upsert.created_count,
        updated_count: upsert.updated_count,
        unchanged_count: upsert.unchanged_count,
        assets: upsert.assets.map(summarizeAsset),
      },
      get: summarizeAsset(fetched),
      search: {
        total_size: search.total_size,
        results: search.results.map((r) => ({
          name: r.asset.name,
          qualified_name: r.asset.qualified_name,
          type: r.asset.type,
          score: r.score,
        })),
        facets: Object.fromEntries(
          search.facets.map((facet) => [
            facet.field,
            Object.fromEntries(facet.buckets.map((b) => [b.value, Number(b.count)])),
          ]),
        ),
      },
      update: { update_mask: mask.paths, etag_before: table.etag, asset: summarizeAsset(updated) },
      stale_etag: staleEtag,
      unauthenticated,
      invalid_argument: { ...invalidArgument, qualified_name: invalidQualifiedName },
    };
  } finally {
    for (const client of [auth, workspaces, catalog]) client.close();
  }
}

try {
  const result = await run(parseCommandLine());
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  process.stderr.write(`catalog_client: ${describeFailure(err)}\n`);
  process.exitCode = 1;
}
