import { loadStripe } from "@stripe/stripe-js";

// ruleid: hardcoded-credential
const analyticsApiKey = "q8Zr3LmV0pX2kYt7";

export function Checkout({ publishableKey }) {
  // ok: hardcoded-credential
  const stripe = loadStripe(publishableKey);
  return (
    <form>
      {/* ok: hardcoded-credential */}
      <input type="password" name="password" placeholder="Your password" />
    </form>
  );
}
