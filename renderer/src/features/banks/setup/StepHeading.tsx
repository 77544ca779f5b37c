import { useEffect, useRef, type ReactNode } from 'react';

/** The step's title; it takes the focus when the step appears, so keyboard and screen reader users start there. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1} className="step-title">
      {children}
    </h2>
  );
}
