// Starts `soc2-check lsp` for the workspace and shows its compliance
// score (the server's `soc2/status` notification) in the status bar.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

interface Status {
  score: number;
  findings: number;
  bySeverity: Record<string, number>;
  files: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("soc2-check");
  const command = config.get<string>("path") || "soc2-check";
  const docsUrl = config.get<string>("docsUrl") || undefined;
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "file", language: "javascript" },
      { scheme: "file", language: "javascriptreact" },
      { scheme: "file", language: "typescript" },
      { scheme: "file", language: "typescriptreact" },
    ],
    initializationOptions: docsUrl ? { docsUrl } : {},
  };
  client = new LanguageClient("soc2-check", "soc2-check", serverOptions, clientOptions);

  const bar = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  bar.text = "SOC 2: …";
  bar.tooltip = "soc2-check: scanning the workspace";
  bar.show();
  context.subscriptions.push(bar);

  await client.start();
  client.onNotification("soc2/status", (s: Status) => {
    const worst = ["critical", "high", "medium", "low"]
      .filter((k) => (s.bySeverity[k] ?? 0) > 0)
      .map((k) => `${s.bySeverity[k]} ${k}`)
      .join(", ");
    bar.text = `SOC 2: ${s.score}%`;
    bar.tooltip = `soc2-check: ${s.findings} findings${worst ? ` (${worst})` : ""} in ${s.files} files`;
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
