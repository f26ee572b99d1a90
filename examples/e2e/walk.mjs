// The checkout every runtime example is tested with, the same one `pnpm demo` walks: the example serves
// the shop's endpoints, the local sandbox plays Amazon Pay, and this module plays the buyer and the
// Amazon Pay button. One module, so every runtime is held to exactly the same behaviour.
//
// The runtime-specific part is `call(method, path, body?) => Promise<{ status, body }>` (how a request
// reaches the example: HTTP, Miniflare's dispatchFetch, a page's fetch through its service worker) and
// `visit(url) => Promise<Response>` (the buyer's browser GETting an Amazon Pay page, redirects not followed).

export const AMOUNT = { amount: '49.90', currencyCode: 'USD' };

/** Parses an example's JSON answer, or fails with what it did answer. */
function parse(answer) {
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new Error(`expected JSON, got ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectStatus(answer, status, what) {
  expect(
    answer.status === status,
    `${what}: expected HTTP ${status}, got ${answer.status}: ${answer.body.slice(0, 300)}`,
  );
}

/**
 * @param {object} o
 * @param {(method: string, path: string, body?: string) => Promise<{ status: number, body: string }>} o.call
 * @param {(url: string) => Promise<Response>} o.visit
 * @param {import('@amazon-pay-edge/sandbox').Sandbox} o.sandbox
 * @param {import('@amazon-pay-edge/core').WebStoreClient} o.client a client on the sandbox with the shop's key (Amazon's button, and the test's own view)
 * @param {{ method: string, path: string }[]} o.requests every API request the sandbox answered, in order
 * @param {string} o.publicKeyId
 * @param {string} o.publicUrl the example's PUBLIC_URL
 * @param {boolean} o.ipn whether the sandbox delivers its IPNs to the example's /ipn
 * @param {(method: string, path: string, body?: string) => Promise<{ status: number, body: string }>} [o.otherInstance]
 *   `call` on a second instance of the example sharing its IPN store (another process or isolate)
 * @param {(line: string) => void} [o.log]
 * @returns {Promise<{ passed: number, failed: number, failures: string[] }>}
 */
export async function walkCheckout({
  call,
  visit,
  sandbox,
  client,
  requests,
  publicKeyId,
  publicUrl,
  ipn,
  otherInstance,
  log = console.log,
}) {
  const result = { passed: 0, failed: 0, failures: [] };
  let broken = false;
  /** One check; once a step of the walk fails, the steps that depend on it are counted as failed, not run. */
  async function check(name, run, { independent = false } = {}) {
    if (broken && !independent) {
      result.failed++;
      result.failures.push(`${name}: not run (an earlier step failed)`);
      log(`  not run  ${name}`);
      return;
    }
    try {
      await run();
      result.passed++;
      log(`  ok       ${name}`);
    } catch (error) {
      if (!independent) broken = true;
      result.failed++;
      result.failures.push(`${name}: ${error?.message ?? error}`);
      log(`  FAIL     ${name}: ${error?.message ?? error}`);
    }
  }

  let button;
  let sessionId = '';
  let redirectUrl = '';
  let completed;

  await check('GET /button-config answers a payload signed with the shop key', async () => {
    const answer = await call('GET', '/button-config');
    expectStatus(answer, 200, 'GET /button-config');
    button = parse(answer);
    expect(button.publicKeyId === publicKeyId, `publicKeyId is ${button.publicKeyId}, expected ${publicKeyId}`);
    expect(
      typeof button.payloadJSON === 'string' && typeof button.signature === 'string',
      'payloadJSON and signature must be strings',
    );
    const payload = JSON.parse(button.payloadJSON);
    expect(
      payload.webCheckoutDetails?.checkoutReviewReturnUrl === new URL('/review.html', publicUrl).href,
      `checkoutReviewReturnUrl is ${payload.webCheckoutDetails?.checkoutReviewReturnUrl}`,
    );
    // RSA-PSS signatures are random: the only meaningful check is verifying with the public key.
    expect(await sandbox.verifyButtonSignature(button), 'the signature does not verify with the registered public key');
    const tampered = { ...button, payloadJSON: button.payloadJSON.replace('review.html', 'reviev.html') };
    expect(
      !(await sandbox.verifyButtonSignature(tampered)),
      'a changed payload still verifies: the check proves nothing',
    );
  });

  await check('the button creates a checkout session from payloadJSON; the buyer signs in', async () => {
    const { data } = await client.createCheckoutSession(JSON.parse(button.payloadJSON));
    expect(data.statusDetails?.state === 'Open', `session state ${data.statusDetails?.state}`);
    sessionId = data.checkoutSessionId;
    await sandbox.approveCheckoutSession(sessionId);
  });

  await check('GET /review reads the session and sets amount and result URL', async () => {
    const answer = await call('GET', `/review?amazonCheckoutSessionId=${encodeURIComponent(sessionId)}`);
    expectStatus(answer, 200, 'GET /review');
    const review = parse(answer);
    expect(typeof review.buyer?.name === 'string' && review.buyer.name !== '', 'no buyer name');
    expect(review.shippingAddress?.city, 'no shipping address');
    expect(
      review.amount?.amount === AMOUNT.amount && review.amount?.currencyCode === AMOUNT.currencyCode,
      `amount ${JSON.stringify(review.amount)}`,
    );
    expect(
      typeof review.amazonPayRedirectUrl === 'string',
      'no amazonPayRedirectUrl: constraints are left on the session',
    );
    redirectUrl = review.amazonPayRedirectUrl;
    const { data } = await client.getCheckoutSession(sessionId);
    expect(data.paymentDetails?.chargeAmount?.amount === AMOUNT.amount, 'the sandbox session has no charge amount');
    expect(
      data.webCheckoutDetails?.checkoutResultReturnUrl === new URL('/result.html', publicUrl).href,
      'the sandbox session has no result URL',
    );
  });

  await check('the buyer confirms on amazonPayRedirectUrl and returns to the result page', async () => {
    const response = await visit(redirectUrl);
    const location = response.headers.get('location') ?? '';
    expect(response.status === 303, `expected a 303, got ${response.status}`);
    const back = new URL(location);
    expect(back.href.startsWith(new URL('/result.html', publicUrl).href), `redirected to ${location}`);
    expect(
      back.searchParams.get('amazonCheckoutSessionId') === sessionId,
      `the result URL carries ${back.searchParams.get('amazonCheckoutSessionId')}`,
    );
  });

  const before = requests.length;
  await check('POST /complete completes the session and charges', async () => {
    const answer = await call('POST', `/complete?amazonCheckoutSessionId=${encodeURIComponent(sessionId)}`);
    expectStatus(answer, 200, 'POST /complete');
    completed = parse(answer);
    expect(completed.state === 'Completed', `state ${completed.state}`);
    expect(
      typeof completed.chargeId === 'string' && typeof completed.chargePermissionId === 'string',
      'no chargeId or chargePermissionId',
    );
  });

  if (ipn) {
    await check('every IPN is answered 200 and the example re-fetched the object it names', async () => {
      await sandbox.flushIpns();
      const deliveries = sandbox.ipnDeliveries;
      const types = new Set(deliveries.map((d) => d.message.ObjectType));
      expect(types.has('CHARGE') && types.has('CHARGE_PERMISSION'), `IPNs sent: ${[...types].join(', ') || 'none'}`);
      const refetched = requests.slice(before).filter((r) => r.method === 'GET');
      const pathOf = (d) =>
        d.message.ObjectType === 'CHARGE'
          ? `/v2/charges/${d.message.ObjectId}`
          : `/v2/chargePermissions/${d.message.ObjectId}`;
      for (const d of deliveries) {
        expect(
          d.status === 200 && !d.error,
          `IPN ${d.message.ObjectType} ${d.message.ObjectId} was answered ${d.status ?? d.error}`,
        );
        // One handler run per notification: the example's one signed GET per IPN naming the object.
        const expected = deliveries.filter((other) => pathOf(other) === pathOf(d)).length;
        const seen = refetched.filter((r) => r.path === pathOf(d)).length;
        expect(seen === expected, `the example fetched ${pathOf(d)} ${seen} times after ${expected} IPNs naming it`);
      }
    });

    await check(
      'every IPN delivered again, twice and in reverse order, is answered 200 without a second re-fetch',
      async () => {
        const deliveries = sandbox.ipnDeliveries;
        const gets = requests.filter((r) => r.method === 'GET').length;
        for (const d of [...deliveries, ...deliveries].reverse()) {
          const answer = await call('POST', '/ipn', d.body);
          expectStatus(answer, 200, `POST /ipn (redelivered ${d.message.ObjectType})`);
        }
        expect(requests.filter((r) => r.method === 'GET').length === gets, 'a redelivered IPN ran the handler again');
      },
    );

    if (otherInstance) {
      await check(
        'a second instance sharing the IPN store answers every IPN, twice and in reverse order, 200 without a re-fetch',
        async () => {
          const deliveries = sandbox.ipnDeliveries;
          // API GETs only: the second instance fetches the SNS certificate (a sandbox page) once for itself.
          const apiGets = () => requests.filter((r) => r.method === 'GET' && r.path.includes('/v2/')).length;
          const gets = apiGets();
          for (const d of [...deliveries, ...deliveries].reverse()) {
            const answer = await otherInstance('POST', '/ipn', d.body);
            expectStatus(answer, 200, `POST /ipn on the second instance (${d.message.ObjectType})`);
          }
          expect(apiGets() === gets, 'the second instance ran the handler again: its IPN store is not the shared one');
        },
      );
    }

    await check('POST /ipn refuses a notification whose message was altered', async () => {
      const envelope = JSON.parse(sandbox.ipnDeliveries[0].body);
      const message = JSON.parse(envelope.Message);
      const forged = JSON.stringify({
        ...envelope,
        Message: JSON.stringify({ ...message, ObjectId: 'S01-0000000-0000000-C000000' }),
      });
      const answer = await call('POST', '/ipn', forged);
      expectStatus(answer, 400, 'POST /ipn (forged)');
    });
  }

  // Amazon closes a OneTime Charge Permission once its whole amount is captured (Charge Permission reference).
  await check(
    'the sandbox holds a Captured charge of the order amount on a permission closed by the full capture',
    async () => {
      const { data: charge } = await client.getCharge(completed.chargeId);
      expect(charge.statusDetails?.state === 'Captured', `charge state ${charge.statusDetails?.state}`);
      expect(
        charge.chargeAmount?.amount === AMOUNT.amount && charge.captureAmount?.amount === AMOUNT.amount,
        `charge amounts ${JSON.stringify([charge.chargeAmount, charge.captureAmount])}`,
      );
      expect(charge.chargePermissionId === completed.chargePermissionId, 'the charge belongs to another permission');
      const { data: permission } = await client.getChargePermission(completed.chargePermissionId);
      expect(permission.statusDetails?.state === 'Closed', `permission state ${permission.statusDetails?.state}`);
      expect(
        permission.statusDetails?.reasons?.[0]?.reasonCode === 'AmazonClosed',
        `permission reasons ${JSON.stringify(permission.statusDetails?.reasons)}`,
      );
      expect(
        permission.limits?.amountBalance?.amount === '0.00',
        `permission balance ${JSON.stringify(permission.limits?.amountBalance)}`,
      );
    },
  );

  await check('errors keep Amazon Pay facts: completing twice is 422 InvalidCheckoutSessionStatus', async () => {
    const answer = await call('POST', `/complete?amazonCheckoutSessionId=${encodeURIComponent(sessionId)}`);
    expectStatus(answer, 422, 'second POST /complete');
    const error = parse(answer);
    expect(
      error.reasonCode === 'InvalidCheckoutSessionStatus' && typeof error.requestId === 'string',
      `answer ${answer.body.slice(0, 200)}`,
    );
  });

  await check(
    'bad requests: /review without a session id is 400, an unknown route 404',
    async () => {
      expectStatus(await call('GET', '/review'), 400, 'GET /review without amazonCheckoutSessionId');
      expectStatus(await call('GET', '/no-such-route'), 404, 'GET /no-such-route');
    },
    { independent: true },
  );

  return result;
}
