// A Node.js client of Matchmaker, as a portal team on another stack would write it: @grpc/grpc-js
// and @grpc/proto-loader load the repo's protos; the API key travels as x-api-key metadata.
// usage: node client.js ADDRESS PORTAL_KEY DATA_SCIENTIST_KEY GOOGLE_API_PROTOS_DIR
// Prints one JSON line per step; exits 1 on the first step that does not go as expected.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const [address, portalKey, scientistKey, googleProtos] = process.argv.slice(2);
const protos = path.join(__dirname, '..', '..', 'protos');
const definition = loader.loadSync(
  ['matchmaker/v1/profile_service.proto', 'matchmaker/v1/match_service.proto', 'matchmaker/v1/model_service.proto'],
  { includeDirs: [protos, googleProtos], keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).matchmaker.v1;
const credentials = grpc.credentials.createInsecure();
const profiles = new v1.ProfileService(address, credentials);
const matches = new v1.MatchService(address, credentials);
const models = new v1.ModelService(address, credentials);

function call(client, method, request, key) {
  const metadata = new grpc.Metadata();
  if (key) metadata.add('x-api-key', key);
  return new Promise((resolve) => {
    client[method](request, metadata, { deadline: Date.now() + 30000 }, (error, reply) => resolve({ error, reply }));
  });
}

function step(name, ok, detail) {
  console.log(JSON.stringify({ step: name, ok, detail }));
  if (!ok) process.exit(1);
}

(async () => {
  const exporter = {
    id: 'EXP-NODE-1', name: 'Amur Seafood', country: 'RU', region: 'RU-KHA', active: true,
    description: 'Frozen pollock and salmon from Khabarovsk',
    products: [{ hsCode: '030367', name: 'Frozen Alaska pollock', annualCapacity: 5000, unit: 't' }],
    contact: { name: 'Irina', email: 'irina@example.ru' },
  };
  let r = await call(profiles, 'UpsertExporter', { exporter }, portalKey);
  step('upsert', !r.error && r.reply.exporter.version === 1, r.error ? r.error.details : r.reply.exporter.version);

  const inquiry = {
    id: 'INQ-NODE-1', buyerId: 'B-1', buyerName: 'Busan Seafood Trading', buyerCountry: 'KR', buyerType: 'BUYER_TYPE_IMPORTER',
    title: 'Frozen pollock, 100 t', hsCodes: ['030367'], quantity: 100, unit: 't', languages: ['ko', 'en'],
    validUntil: { seconds: Math.floor(Date.now() / 1000) + 60 * 86400, nanos: 0 },
  };
  r = await call(profiles, 'UpsertInquiry', { inquiry }, portalKey);
  step('upsert inquiry', !r.error && r.reply.inquiry.version === 1, r.error ? r.error.details : r.reply.inquiry.version);

  r = await call(matches, 'MatchInquiry', { inquiryId: 'INQ-NODE-1', topK: 3 }, portalKey);
  step('match', !r.error && r.reply.matches.length > 0 && r.reply.matches[0].exporterId === 'EXP-NODE-1',
    r.error ? r.error.details : r.reply.matches.map((m) => m.exporterId));

  r = await call(profiles, 'GetExporter', { id: 'EXP-NODE-1' }, portalKey);
  step('no contact for the portal', !r.error && !r.reply.contact, r.error ? r.error.details : r.reply.contact);

  r = await call(matches, 'RecordFeedback', { inquiryId: 'INQ-NODE-1', exporterId: 'EXP-NODE-1', kind: 'FEEDBACK_KIND_VIEW', position: 1 }, portalKey);
  step('feedback', !r.error, r.error ? r.error.details : r.reply);

  r = await call(models, 'ActivateModel', { version: 'baseline-v1' }, portalKey);
  step('wrong role refused', !!r.error && r.error.code === grpc.status.PERMISSION_DENIED, r.error ? r.error.details : 'accepted');

  r = await call(models, 'ListModels', {}, scientistKey);
  step('right role admitted', !r.error && r.reply.activeVersion === 'baseline-v1', r.error ? r.error.details : r.reply.activeVersion);

  r = await call(profiles, 'GetExporter', { id: 'EXP-NODE-1' }, null);
  step('no key refused', !!r.error && r.error.code === grpc.status.UNAUTHENTICATED, r.error ? r.error.details : 'accepted');
  process.exit(0);
})();
