/** Emailed links carry their token in the fragment (#token=…), which browsers never send to a server. */
export function tokenFromHash(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && token.length >= 20 ? token : null;
}
