import * as vscode from 'vscode';
import { EcrNode, EcrTreeModel } from './model';

/** vscode.TreeDataProvider over {@link EcrTreeModel}; an empty tree shows the viewsWelcome content. */
export class EcrTreeProvider implements vscode.TreeDataProvider<EcrNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EcrNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  model: EcrTreeModel | undefined;

  fire(n?: EcrNode): void {
    this.emitter.fire(n);
  }

  getTreeItem(n: EcrNode): vscode.TreeItem {
    if (!this.model) return new vscode.TreeItem('');
    const v = this.model.view(n);
    const state =
      v.collapsible === 'none'
        ? vscode.TreeItemCollapsibleState.None
        : v.collapsible === 'expanded'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(v.label, state);
    item.id = n.id;
    item.description = v.description;
    if (v.tooltip) {
      const t = new vscode.MarkdownString(v.tooltip, true);
      t.isTrusted = false;
      item.tooltip = t;
    }
    if (v.icon) item.iconPath = new vscode.ThemeIcon(v.icon, v.iconColor ? new vscode.ThemeColor(v.iconColor) : undefined);
    item.contextValue = v.contextValue;
    if (v.command) item.command = v.command as vscode.Command;
    return item;
  }

  async getChildren(n?: EcrNode): Promise<EcrNode[]> {
    if (!this.model) return [];
    return this.model.children(n);
  }

  getParent(n: EcrNode): EcrNode | undefined {
    return n.parent;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
