'use client';
import { useChecklist, useIdentify } from '@sabu/react';

/** The layout's buttons: open the checklist (a "Getting started" link) and sign in. */
export function Toolbar() {
  const openChecklist = useChecklist();
  const identify = useIdentify();
  return (
    <>
      <button id="getting-started" type="button" onClick={openChecklist}>Getting started</button>
      <button id="sign-in" type="button" onClick={() => identify('user-7', { plan: 'team' })}>Sign in</button>
    </>
  );
}
