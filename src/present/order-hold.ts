// How long rows keep their order after a key (src/hooks/use-order-hold.ts holds it), and the sentence that
// tells the user so on the help screen.

/** How long after the last key the rows stay where they are. */
export const ORDER_HOLD_MS = 10_000;

export const ORDER_HOLD_NOTE = `Rows stay put: for ${ORDER_HOLD_MS / 1000} s after each key, and while a dialog is open or an action runs, a table keeps its order. Changed rows update in place; new rows go to the end of the table and are announced above it. Then it sorts again, and the cursor stays on its object.`;
