import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/site-header";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IOTOPS Dispatch", template: "%s · IOTOPS Dispatch" },
  description:
    "File IoT operational problems, see where they belong in the IETF, and follow the resulting Internet-Drafts.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
            {children}
          </main>
          <footer className="mx-auto max-w-6xl px-4 py-8 text-xs text-slate-600">
            IOTOPS Dispatch: a dispatch and document tracker for the IETF IOT Operations working
            group. Document states follow the IETF Datatracker vocabulary.{" "}
            <a href="/api/docs">Public API</a>.
          </footer>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
