import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { C14nCanonicalization } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './c14n';
import { HAS_KAT, NO_KAT_MESSAGE, katText } from '../../../test/support/kat';
import { authenticatedElements, DS_NAMESPACE } from './x002';
import { descendantElements, parseXml } from './xml';

if (!HAS_KAT) console.warn(NO_KAT_MESSAGE);

function root(xml: string): Element {
  const el = parseXml(xml).documentElement;
  if (el === null) throw new Error('no root');
  return el;
}

function byName(xml: string, localName: string): Element {
  const found = descendantElements(root(xml)).find((el) => el.localName === localName);
  if (found === undefined) throw new Error(`no ${localName}`);
  return found;
}

function digestInput(xml: string): string {
  return authenticatedElements(parseXml(xml)).map(canonicalize).join('');
}

describe.skipIf(!HAS_KAT)('C14N known answers (../shared/kat b1, b2, d1)', () => {
  const cases = [
    { dir: 'b1-x002-auth-signature-epics', doc: 'hpb_request_signed.xml', digest: 'digest_input.c14n.xml', signedInfo: 'signedinfo.c14n.xml' },
    {
      dir: 'b1-x002-auth-signature-epics',
      doc: 'extra_fixture_hpb_request.xml',
      digest: 'extra_fixture_digest_input.c14n.xml',
      signedInfo: 'extra_fixture_signedinfo.c14n.xml',
    },
    { dir: 'b2-x002-auth-signature-ebics-client-php', doc: 'hpb_signed.xml', digest: 'digest_input.c14n.xml', signedInfo: 'signedinfo.c14n.xml' },
    { dir: 'd1-bank-x002-verify-epics', doc: 'upload_init_response.xml', digest: 'digest_input.c14n.xml', signedInfo: 'signedinfo.c14n.xml' },
  ];
  for (const c of cases) {
    it(`${c.dir}/${c.doc}: authenticated elements and SignedInfo canonicalise to the reference bytes`, () => {
      const xml = katText(`${c.dir}/${c.doc}`);
      expect(digestInput(xml)).toBe(katText(`${c.dir}/${c.digest}`));
      expect(canonicalize(byName(xml, 'SignedInfo'))).toBe(katText(`${c.dir}/${c.signedInfo}`));
    });
  }

  it('d1: writes the default namespace, ds and xsi on each of the three apexes, once each', () => {
    const xml = katText('d1-bank-x002-verify-epics/upload_init_response.xml');
    const apexes = authenticatedElements(parseXml(xml)).map(canonicalize);
    expect(apexes).toHaveLength(3);
    for (const c14n of apexes) {
      const startTag = c14n.slice(0, c14n.indexOf('>') + 1);
      expect(startTag).toMatch(/^<\w+ xmlns="http:\/\/www\.ebics\.org\/H003" xmlns:ds="[^"]+" xmlns:xsi="[^"]+" authenticate="true">$/);
    }
  });
});

describe('inclusive C14N of a document subset', () => {
  const withExtras =
    '<ebicsRequest xmlns:foo="urn:foo" xmlns="urn:org:ebics:H004" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    `xmlns:ds="${DS_NAMESPACE}" Version="H004"><header authenticate="true"><static><HostID>H</HostID></static><mutable/></header><body/></ebicsRequest>`;
  const withoutExtras = `<ebicsRequest xmlns="urn:org:ebics:H004" Version="H004"><header authenticate="true"><static><HostID>H</HostID></static><mutable/></header><body/></ebicsRequest>`;

  it('puts every namespace declared on the root onto the apex: default first, then prefixes sorted', () => {
    expect(canonicalize(byName(withExtras, 'header'))).toBe(
      `<header xmlns="urn:org:ebics:H004" xmlns:ds="${DS_NAMESPACE}" xmlns:foo="urn:foo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" authenticate="true">` +
        '<static><HostID>H</HostID></static><mutable></mutable></header>',
    );
  });

  it('gives a different digest than the same header without the extra root declarations', () => {
    const sha = (s: string): string => createHash('sha256').update(s).digest('base64');
    expect(sha(digestInput(withExtras))).not.toBe(sha(digestInput(withoutExtras)));
    expect(canonicalize(byName(withoutExtras, 'header'))).toBe(
      '<header xmlns="urn:org:ebics:H004" authenticate="true"><static><HostID>H</HostID></static><mutable></mutable></header>',
    );
  });

  it('does not repeat a declaration on descendants, but writes a changed binding where it changes', () => {
    const xml = '<r xmlns="urn:a" xmlns:p="urn:p"><e><p:x xmlns:p="urn:p"/><p:y xmlns:p="urn:q"/><z xmlns=""/></e></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e xmlns="urn:a" xmlns:p="urn:p"><p:x></p:x><p:y xmlns:p="urn:q"></p:y><z xmlns=""></z></e>');
  });

  it('sorts attributes by namespace URI then local name, unqualified ones first', () => {
    const xml = '<r xmlns:b="urn:b" xmlns:a="urn:z"><e z="1" b:c="2" a:c="3" a="4"/></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e xmlns:a="urn:z" xmlns:b="urn:b" a="4" z="1" b:c="2" a:c="3"></e>');
  });

  it('escapes text and attribute values as the specification says and drops comments', () => {
    const xml = '<r><e a="&quot;&lt;&amp;&#9;&#10;&#13;>">x &amp; &lt; &gt; &#13; "\'<![CDATA[<c>&]]><!-- gone --><?pi  data?></e></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e a="&quot;&lt;&amp;&#x9;&#xA;&#xD;>">x &amp; &lt; &gt; &#xD; "\'&lt;c&gt;&amp;<?pi data?></e>');
  });

  it('reads CRLF line endings as LF, as every XML parser must before canonicalising', () => {
    const xml = '<r>\r\n<e>\r\n  <f>1</f>\r\n</e></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e>\n  <f>1</f>\n</e>');
  });

  it('inherits xml:lang from an ancestor onto the apex only', () => {
    const xml = '<r xml:lang="de"><e><f>x</f></e></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e xml:lang="de"><f>x</f></e>');
  });

  it('leaves out the xml prefix and the empty default namespace on the apex', () => {
    const xml = '<r xmlns:xml="http://www.w3.org/XML/1998/namespace"><e/></r>';
    expect(canonicalize(byName(xml, 'e'))).toBe('<e></e>');
  });

  it('agrees with xml-crypto once its duplicate default-namespace entry is left out', () => {
    const docs = [withExtras, katFreeResponse, prefixedResponse];
    for (const xml of docs) {
      const doc = parseXml(xml);
      const rootEl = doc.documentElement;
      if (rootEl === null) throw new Error('no root');
      const ancestorNamespaces = [];
      for (let i = 0; i < rootEl.attributes.length; i++) {
        const a = rootEl.attributes.item(i);
        if (a?.name === 'xmlns') ancestorNamespaces.push({ prefix: '', namespaceURI: a.value });
        else if (a?.name.startsWith('xmlns:')) ancestorNamespaces.push({ prefix: a.localName ?? '', namespaceURI: a.value });
      }
      const signedInfo = descendantElements(rootEl).filter((el) => el.localName === 'SignedInfo');
      expect(authenticatedElements(doc).length + signedInfo.length).toBeGreaterThan(0);
      for (const el of [...authenticatedElements(doc), ...signedInfo]) {
        const own = ancestorNamespaces.filter((ns) => !(ns.prefix === (el.prefix ?? '') && ns.namespaceURI === el.namespaceURI));
        const theirs = new C14nCanonicalization().process(el as unknown as globalThis.Node, { ancestorNamespaces: own });
        expect(canonicalize(el)).toBe(theirs);
      }
    }
  });
});

const katFreeResponse = `<?xml version="1.0" encoding="UTF-8"?>
<ebicsResponse xmlns="urn:org:ebics:H005" xmlns:ds="${DS_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="H005" Revision="1">
  <header authenticate="true">
    <static><TransactionID>ABCDEF</TransactionID><NumSegments>2</NumSegments></static>
    <mutable><TransactionPhase>Initialisation</TransactionPhase><SegmentNumber lastSegment="false">1</SegmentNumber><ReturnCode>000000</ReturnCode><ReportText>[EBICS_OK] OK &amp; fine</ReportText></mutable>
  </header>
  <AuthSignature>
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="#xpointer(//*[@authenticate='true'])">
        <ds:Transforms><ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <ds:DigestValue>AAAA</ds:DigestValue>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue>AAAA</ds:SignatureValue>
  </AuthSignature>
  <body>
    <DataTransfer><DataEncryptionInfo authenticate="true"><EncryptionPubKeyDigest Version="E002" Algorithm="http://www.w3.org/2001/04/xmlenc#sha256">abc=</EncryptionPubKeyDigest><TransactionKey>xyz=</TransactionKey></DataEncryptionInfo><OrderData>AAAA</OrderData></DataTransfer>
    <ReturnCode authenticate="true">000000</ReturnCode>
  </body>
</ebicsResponse>`;

const prefixedResponse = `<ebics:ebicsKeyManagementResponse xmlns:ebics="urn:org:ebics:H004" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Revision="1" Version="H004">
  <ebics:header authenticate="true"><ebics:static /><ebics:mutable><ebics:ReturnCode>000000</ebics:ReturnCode></ebics:mutable></ebics:header>
  <ebics:body><ebics:DataTransfer><ebics:DataEncryptionInfo authenticate="true"><ebics:TransactionKey>AA==</ebics:TransactionKey></ebics:DataEncryptionInfo></ebics:DataTransfer></ebics:body>
</ebics:ebicsKeyManagementResponse>`;
