import { describe, expect, it } from 'vitest';
import { parseVeuOverview } from './hvu';

const H004 = `<?xml version="1.0" encoding="UTF-8"?>
<HVUResponseOrderData xmlns="urn:org:ebics:H004" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <OrderDetails>
    <OrderType>CCT</OrderType>
    <OrderID>A00B</OrderID>
    <OrderDataSize>2048</OrderDataSize>
    <SigningInfo readyToBeSigned="true" NumSigRequired="2" NumSigDone="1"/>
    <SignerInfo><PartnerID>P1</PartnerID><UserID>BOSS</UserID><Name>Chief</Name><Timestamp>2026-03-02T09:00:00Z</Timestamp><Permission AuthorisationLevel="A"/></SignerInfo>
    <OriginatorInfo><PartnerID>P1</PartnerID><UserID>KONTOR</UserID><Name>Kontor</Name><Timestamp>2026-03-02T08:00:00Z</Timestamp></OriginatorInfo>
  </OrderDetails>
  <OrderDetails>
    <OrderType>CDD</OrderType>
    <OrderID>A00C</OrderID>
    <OrderDataSize>10</OrderDataSize>
    <SigningInfo readyToBeSigned="false" NumSigRequired="1" NumSigDone="0"/>
    <OriginatorInfo><PartnerID>P1</PartnerID><UserID>KONTOR</UserID><Timestamp>2026-03-02T08:01:00Z</Timestamp></OriginatorInfo>
  </OrderDetails>
</HVUResponseOrderData>`;

const H005_HVZ = `<?xml version="1.0" encoding="UTF-8"?>
<ebics:HVZResponseOrderData xmlns:ebics="urn:org:ebics:H005">
  <ebics:OrderDetails>
    <ebics:Service><ebics:ServiceName>SDD</ebics:ServiceName><ebics:ServiceOption>COR</ebics:ServiceOption><ebics:MsgName>pain.008</ebics:MsgName></ebics:Service>
    <ebics:OrderID>B001</ebics:OrderID>
    <ebics:DataDigest SignatureVersion="A006">q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=</ebics:DataDigest>
    <ebics:OrderDataAvailable>true</ebics:OrderDataAvailable>
    <ebics:OrderDataSize>777</ebics:OrderDataSize>
    <ebics:OrderDetailsAvailable>false</ebics:OrderDetailsAvailable>
    <ebics:SigningInfo readyToBeSigned="1" NumSigRequired="1" NumSigDone="0"/>
    <ebics:OriginatorInfo><ebics:PartnerID>P1</ebics:PartnerID><ebics:UserID>KONTOR</ebics:UserID><ebics:Timestamp>2026-03-02T08:00:00Z</ebics:Timestamp></ebics:OriginatorInfo>
  </ebics:OrderDetails>
</ebics:HVZResponseOrderData>`;

describe('the VEU overview (HVU / HVZ)', () => {
  it('reads each waiting order with its signatures done and required (H004 HVU)', () => {
    expect(parseVeuOverview(H004)).toEqual([
      {
        orderId: 'A00B',
        orderType: 'CCT',
        dataSize: 2048,
        signatures: { done: 1, required: 2 },
        readyToBeSigned: true,
        originator: { partnerId: 'P1', userId: 'KONTOR', name: 'Kontor', timestamp: '2026-03-02T08:00:00Z' },
        dataDigest: null,
      },
      {
        orderId: 'A00C',
        orderType: 'CDD',
        dataSize: 10,
        signatures: { done: 0, required: 1 },
        readyToBeSigned: false,
        originator: { partnerId: 'P1', userId: 'KONTOR', name: null, timestamp: '2026-03-02T08:01:00Z' },
        dataDigest: null,
      },
    ]);
  });

  it('reads H005 orders by their BTF service, and the data digest of HVZ, whatever the namespace prefix', () => {
    const [order] = parseVeuOverview(H005_HVZ);
    expect(order).toMatchObject({ orderId: 'B001', orderType: 'SDD/COR pain.008', dataSize: 777, signatures: { done: 0, required: 1 }, readyToBeSigned: true });
    expect(order?.dataDigest).toBe('q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=');
  });

  it('refuses another document, and an order without signing information or with a garbled count', () => {
    expect(() => parseVeuOverview('<HTDResponseOrderData xmlns="urn:org:ebics:H004"/>')).toThrow(/signature overview/);
    expect(() => parseVeuOverview(H004.replace(/<SigningInfo[^>]*\/>/, ''))).toThrow(/signing information/);
    expect(() => parseVeuOverview(H004.replace('NumSigDone="1"', 'NumSigDone="one"'))).toThrow(/invalid number of signatures/);
  });
});
