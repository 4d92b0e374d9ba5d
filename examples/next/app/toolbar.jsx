'use client';
import { useChecklist, useIdentify, useTour } from '@sabu/react';

/** The layout's buttons: open the checklist (a "Getting started" link), take the tour, sign in. */
export function Toolbar() {
  const openChecklist = useChecklist();
  const identify = useIdentify();
  const startTour = useTour('welcome');
  return (
    <>
      <button id="getting-started" type="button" onClick={openChecklist}>Getting started</button>
      <button id="take-tour" type="button" onClick={startTour}>Take the tour</button>
      <button id="sign-in" type="button" onClick={() => identify('user-7', { plan: 'team' })}>Sign in</button>
    </>
  );
}
