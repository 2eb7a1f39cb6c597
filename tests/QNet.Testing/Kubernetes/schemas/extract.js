// Extracts the JSON Schemas that kubernetes-models 3.1.0 and @kubernetes-models/prometheus-operator 1.6.3 register,
// for the kinds named, into one self-contained schema per kind ($refs rewritten to #/definitions/<id>).
// Usage: node extract.js '[{"name":"deployment-apps-v1","file":"km3/package/_schemas/IoK8sApiAppsV1Deployment.js","id":"io.k8s.api.apps.v1.Deployment"}, ...]' OUT_DIR
// (prometheus-operator kinds: "file":"po1/package/monitoring.coreos.com/v1/ServiceMonitor.js","id":"monitoring.coreos.com.v1.ServiceMonitor").
const Module = require('module');
const path = require('path');
const fs = require('fs');
const root = '/tmp/k8snpm';
const registry = {};
const origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === '@kubernetes-models/validate') {
    return { register: (id, schema) => { registry[id] = schema; }, validate: () => {} };
  }
  if (request === '@kubernetes-models/base') {
    class Model { constructor() {} static setSchema(c, id, f) { f(); } }
    return { Model, setSchema: () => {}, createTypeMetaGuard: () => () => true, setValidateFunc: () => {} };
  }
  let m = request.match(/^@kubernetes-models\/apimachinery\/(.*)$/);
  if (m) { return origLoad(path.join(root, 'am/package', m[1]), parent, isMain); }
  m = request.match(/^kubernetes-models\/(.*)$/);
  if (m) {
    const a = path.join(root, 'km3/package', m[1]);
    const b = path.join(root, 'am/package', m[1]);
    return origLoad(fs.existsSync(a + '.js') ? a : b, parent, isMain);
  }
  return origLoad(request, parent, isMain);
};
const kinds = JSON.parse(process.argv[2]);
const out = process.argv[3];
for (const k of kinds) {
  const mod = require(path.join(root, k.file));
  if (mod.addSchema) { mod.addSchema(); }
  const defs = {};
  const visit = (id) => {
    if (defs[id]) return;
    const s = registry[id];
    if (!s) throw new Error('missing ' + id);
    defs[id] = JSON.parse(JSON.stringify(s));
    const walk = (o) => {
      if (Array.isArray(o)) { o.forEach(walk); return; }
      if (o && typeof o === 'object') {
        if (typeof o.$ref === 'string') { const r = o.$ref.replace(/#$/, ''); o.$ref = '#/definitions/' + r; visit(r); }
        // strict, as kubeconform's strict schemas: an object schema that lists its properties takes no others
        if (o.properties && o.additionalProperties === undefined) { o.additionalProperties = false; }
        for (const v of Object.values(o)) walk(v);
      }
    };
    walk(defs[id]);
  };
  visit(k.id);
  // The package's JSONSchemaProps leaves out the x-kubernetes-* extensions that apiextensions.k8s.io/v1 defines
  // (x-kubernetes-validations, -preserve-unknown-fields, -int-or-string, -list-type, ...): let them through by name.
  const props = defs['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps'];
  if (props) { props.patternProperties = { '^x-kubernetes-': {} }; }
  // The package drops every "description" key, also the two properties of that name that apiextensions.k8s.io/v1 has.
  const column = defs['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition'];
  for (const d of [props, column]) { if (d) { d.properties.description = { type: 'string' }; } }
  const doc = { $schema: 'http://json-schema.org/draft-07/schema#', $ref: '#/definitions/' + k.id, definitions: defs };
  fs.writeFileSync(path.join(out, k.name + '.json'), JSON.stringify(doc, null, 1) + '\n');
  console.log(k.name, Object.keys(defs).length, fs.statSync(path.join(out, k.name + '.json')).size);
}
