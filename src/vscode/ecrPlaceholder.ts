import * as vscode from 'vscode';
import type { EcrDeps } from './extension';

/**
 * PLACEHOLDER, to be replaced by `registerEcrView` from `./ecr/index.ts`
 * (owned by the ECR engineer). It registers an empty tree for the
 * `bulkhead.ecr` view so the view shows its welcome text, and a no-op
 * `bulkhead.ecr.refresh` so the contributed command exists.
 */
export function registerEcrView(context: vscode.ExtensionContext, deps: EcrDeps): void {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (e) => e,
    getChildren: () => [],
  };
  context.subscriptions.push(
    vscode.window.createTreeView('bulkhead.ecr', { treeDataProvider: provider, showCollapseAll: false }),
    vscode.commands.registerCommand('bulkhead.ecr.refresh', () => deps.log.info('ECR view: not implemented yet')),
  );
}
