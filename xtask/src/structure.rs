//! Structure lints that rustc and clippy do not have, read from the syntax trees of the source
//! (syn), so that comments, strings and doc text never count:
//!
//! - in src/app/, no function longer than [`MAX_FUNCTION_LINES`] and no `#[component]` with more
//!   than [`MAX_COMPONENT_PROPS`] props: the app is meant to stay small parts, composed;
//! - in core/src/ (the validator in bin/ aside), no cycle in the module import graph: the core's
//!   folders are layers, each using only those before it (core/src/lib.rs), and a cycle is the
//!   first sign of two layers melting into one.
//!
//! The analysis works on (path, source text) pairs, so its tests need no files; [`check`] reads
//! the real tree.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::{self, Visit};

use crate::Outcome;

/// The longest an app function may be, from the line of `fn` to that of its closing brace.
pub const MAX_FUNCTION_LINES: usize = 150;
/// The most props an app component may take; more is a sign it does two things.
pub const MAX_COMPONENT_PROPS: usize = 4;

/// A source file: its path from the repository root (with `/`) and its text.
pub type Source = (String, String);

/// Runs both lints on the repository at `root`; fails listing every offender.
pub fn check(root: &Path) -> Outcome {
    let app = read_sources(root, "src/app", &[])?;
    let core = read_sources(root, "core/src", &["core/src/bin"])?;
    let functions = app_functions(&app)?;
    let graph = core_imports(&core, "core/src")?;
    if functions.problems.is_empty() && graph.cycles.is_empty() {
        println!(
            "    src/app: {} functions, none over {MAX_FUNCTION_LINES} lines; {} components, none over \
             {MAX_COMPONENT_PROPS} props",
            functions.functions, functions.components
        );
        println!("    core/src: {} modules, {} import edges, no cycle", graph.modules, graph.edges);
        return Ok(());
    }
    let mut report = Vec::new();
    if !functions.problems.is_empty() {
        report.push(format!(
            "src/app has functions too long or with too many props:\n  {}",
            functions.problems.join("\n  ")
        ));
    }
    if !graph.cycles.is_empty() {
        report.push(format!("core/src has import cycles:\n  {}", graph.cycles.join("\n  ")));
    }
    Err(report.join("\n"))
}

/// Every `.rs` file under `root/dir`, sorted, skipping the folders in `skip` (paths from `root`).
fn read_sources(root: &Path, dir: &str, skip: &[&str]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(relative) = pending.pop() {
        let folder = root.join(&relative);
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{relative}/{name}");
            if entry.path().is_dir() {
                if !skip.contains(&path.as_str()) {
                    pending.push(path);
                }
            } else if name.ends_with(".rs") {
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
                sources.push((path, text));
            }
        }
    }
    sources.sort();
    Ok(sources)
}

fn parse(path: &str, text: &str) -> Result<syn::File, String> {
    syn::parse_file(text).map_err(|e| format!("{path}:{} cannot be parsed: {e}", e.span().start().line))
}

/// What the app lint found.
#[derive(Debug, Default)]
pub struct AppFunctions {
    /// Functions with a body, of any kind.
    pub functions: usize,
    /// Functions with a `#[component]` attribute.
    pub components: usize,
    /// One line per offender, in file and line order.
    pub problems: Vec<String>,
}

/// Measures every function with a body in `sources`: free functions, methods, trait methods with
/// a default body, and functions nested in any of them.
pub fn app_functions(sources: &[Source]) -> Result<AppFunctions, String> {
    let mut found = AppFunctions::default();
    for (path, text) in sources {
        let mut visitor = Functions { owners: Vec::new(), found: Vec::new() };
        visitor.visit_file(&parse(path, text)?);
        for function in visitor.found {
            found.functions += 1;
            if function.lines > MAX_FUNCTION_LINES {
                found.problems.push(format!(
                    "{path}:{} {} is {} lines (limit {MAX_FUNCTION_LINES})",
                    function.line, function.name, function.lines
                ));
            }
            if let Some(props) = function.props {
                found.components += 1;
                if props > MAX_COMPONENT_PROPS {
                    found.problems.push(format!(
                        "{path}:{} {} takes {props} props (limit {MAX_COMPONENT_PROPS})",
                        function.line, function.name
                    ));
                }
            }
        }
    }
    Ok(found)
}

struct Function {
    name: String,
    /// The line of `fn`.
    line: usize,
    lines: usize,
    /// For a component, its parameter count.
    props: Option<usize>,
}

/// Collects functions; `owners` is the type or trait of the impl or trait block being read, so
/// a method is named `Type::method`.
struct Functions {
    owners: Vec<String>,
    found: Vec<Function>,
}

impl Functions {
    fn record(&mut self, sig: &syn::Signature, body: &syn::Block, owner: Option<&String>, props: Option<usize>) {
        let line = sig.fn_token.span.start().line;
        let end = body.brace_token.span.close().start().line;
        let name = match owner {
            Some(owner) => format!("{owner}::{}", sig.ident),
            None => sig.ident.to_string(),
        };
        self.found.push(Function { name, line, lines: end.saturating_sub(line) + 1, props });
    }
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let props = item.attrs.iter().any(is_component).then(|| item.sig.inputs.len());
        self.record(&item.sig, &item.block, None, props);
        // A function nested in a method is not that type's method.
        let owners = std::mem::take(&mut self.owners);
        visit::visit_item_fn(self, item);
        self.owners = owners;
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        self.owners.push(type_name(&item.self_ty));
        visit::visit_item_impl(self, item);
        self.owners.pop();
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.owners.push(item.ident.to_string());
        visit::visit_item_trait(self, item);
        self.owners.pop();
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let owner = self.owners.last().cloned();
        self.record(&item.sig, &item.block, owner.as_ref(), None);
        let owners = std::mem::take(&mut self.owners);
        visit::visit_impl_item_fn(self, item);
        self.owners = owners;
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(body) = &item.default {
            let owner = self.owners.last().cloned();
            self.record(&item.sig, body, owner.as_ref(), None);
        }
        let owners = std::mem::take(&mut self.owners);
        visit::visit_trait_item_fn(self, item);
        self.owners = owners;
    }
}

/// `#[component]`, however the attribute is reached (`#[leptos::component]` too).
fn is_component(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|segment| segment.ident == "component")
}

/// The last name of a type's path (`Markers` for `impl Markers` and `impl<T> crate::Markers<T>`).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map_or_else(|| "_".to_owned(), |s| s.ident.to_string()),
        syn::Type::Reference(reference) => type_name(&reference.elem),
        _ => "_".to_owned(),
    }
}

/// What the core lint found.
#[derive(Debug, Default)]
pub struct CoreImports {
    /// Modules in the graph (test-only ones left out).
    pub modules: usize,
    /// Edges between distinct modules.
    pub edges: usize,
    /// One line per set of modules that import one another round a cycle.
    pub cycles: Vec<String>,
}

/// A module's path from the crate root, `[]` for the root itself.
type ModulePath = Vec<String>;

/// Where an import edge is made: a file and the line of one path that makes it.
type Place = (String, usize);

/// Builds the import graph of the crate whose sources are `sources` (paths under `src_dir`) and
/// reports its cycles.
///
/// A file is a module (`lib.rs` the root, `a/mod.rs` and `a.rs` both `a`). An edge goes from a
/// module to the module a path in its code leads to: a path beginning with `crate::`, `self::`
/// or `super::` (in `use` trees, expressions, types, patterns, and macro arguments), followed to
/// the longest module that exists. Left out: edges to the module itself; edges to an ancestor
/// whose file only declares modules (it holds nothing to import, so naming it is only a way
/// through to a sibling); code under `#[cfg(test)]`, and modules declared under it, since tests
/// may use anything; attributes (doc comments among them) and visibility paths
/// (`pub(in crate::a)`). Paths through a `use` alias (`use crate::a; a::b::C`) end at the alias.
pub fn core_imports(sources: &[Source], src_dir: &str) -> Result<CoreImports, String> {
    let mut files: BTreeMap<ModulePath, (&str, syn::File)> = BTreeMap::new();
    for (path, text) in sources {
        let Some(module) = module_of(path, src_dir) else { continue };
        files.insert(module, (path.as_str(), parse(path, text)?));
    }
    let test_only: Vec<ModulePath> = files
        .iter()
        .flat_map(|(module, (_, file))| {
            file.items.iter().filter_map(move |item| match item {
                syn::Item::Mod(m) if m.content.is_none() && m.attrs.iter().any(is_cfg_test) => {
                    Some([module.clone(), vec![m.ident.to_string()]].concat())
                }
                _ => None,
            })
        })
        .collect();
    files.retain(|module, _| !test_only.iter().any(|t| module.starts_with(t)));
    let declarations_only: BTreeSet<ModulePath> = files
        .iter()
        .filter(|(_, (_, file))| file.items.iter().all(|item| matches!(item, syn::Item::Mod(m) if m.content.is_none())))
        .map(|(module, _)| module.clone())
        .collect();

    let mut edges: BTreeMap<ModulePath, BTreeMap<ModulePath, Place>> = BTreeMap::new();
    for (module, (path, file)) in &files {
        let mut paths = Paths { scope: module.clone(), found: Vec::new() };
        paths.visit_file(file);
        for (absolute, line) in paths.found {
            let Some(target) = (0..=absolute.len()).rev().map(|n| &absolute[..n]).find(|p| files.contains_key(*p))
            else {
                continue;
            };
            let is_ancestor = module.starts_with(target);
            if target == module.as_slice() || (is_ancestor && declarations_only.contains(target)) {
                continue;
            }
            let place =
                edges.entry(module.clone()).or_default().entry(target.to_vec()).or_insert((path.to_string(), line));
            place.1 = place.1.min(line);
        }
    }
    let cycles = strongly_connected(&edges)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| describe_cycle(&component, &edges))
        .collect();
    Ok(CoreImports { modules: files.len(), edges: edges.values().map(BTreeMap::len).sum(), cycles })
}

/// The module a file under `src_dir` is, or `None` for a file outside it or not Rust.
fn module_of(path: &str, src_dir: &str) -> Option<ModulePath> {
    let relative = path.strip_prefix(src_dir)?.strip_prefix('/')?.strip_suffix(".rs")?;
    let mut parts: Vec<String> = relative.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|last| last == "mod") || relative == "lib" {
        parts.pop();
    }
    Some(parts)
}

fn module_name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

/// Whether an attribute is a `cfg` that holds only in test builds (`cfg(test)`,
/// `cfg(all(test, …))`; not `cfg(not(test))`).
fn is_cfg_test(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg") && attr.parse_args::<syn::Meta>().is_ok_and(|meta| needs_test(&meta))
}

fn needs_test(meta: &syn::Meta) -> bool {
    let nested = |list: &syn::MetaList| {
        list.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .map(|metas| metas.into_iter().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    match meta {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) if list.path.is_ident("all") => nested(list).iter().any(needs_test),
        syn::Meta::List(list) if list.path.is_ident("any") => {
            let options = nested(list);
            !options.is_empty() && options.iter().all(needs_test)
        }
        _ => false,
    }
}

/// Collects the absolute module paths that `crate::`, `self::` and `super::` paths name, with
/// their lines. `scope` is the module being read, inline modules included, for `self` and
/// `super`.
struct Paths {
    scope: ModulePath,
    found: Vec<(Vec<String>, usize)>,
}

impl Paths {
    fn add(&mut self, segments: &[String], line: usize) {
        if let Some(absolute) = absolute(&self.scope, segments) {
            self.found.push((absolute, line));
        }
    }

    /// Every path of a `use` tree below `prefix`.
    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>, line: usize) {
        let line = if prefix.is_empty() { first_line(tree).unwrap_or(line) } else { line };
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(&path.tree, prefix, line);
                prefix.pop();
            }
            syn::UseTree::Name(name) if name.ident == "self" => self.add(prefix, line),
            syn::UseTree::Name(name) => self.add(&[prefix.clone(), vec![name.ident.to_string()]].concat(), line),
            syn::UseTree::Rename(rename) => {
                let leaf = if rename.ident == "self" { Vec::new() } else { vec![rename.ident.to_string()] };
                self.add(&[prefix.clone(), leaf].concat(), line);
            }
            syn::UseTree::Glob(_) => self.add(prefix, line),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    let line = first_line(tree).unwrap_or(line);
                    self.use_tree(tree, prefix, line);
                }
            }
        }
    }

    /// Paths written in a macro's arguments, which syn leaves as tokens: `crate`, `self` or
    /// `super` followed by `::` and a name, and the names joined by `::` after it.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident) if ident == "crate" || ident == "self" || ident == "super" => {
                    let mut segments = vec![ident.to_string()];
                    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next))) =
                        (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
                    {
                        if !(a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':') {
                            break;
                        }
                        segments.push(next.to_string());
                        i += 3;
                    }
                    if segments.len() > 1 {
                        self.add(&segments, ident.span().start().line);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !item_attrs(item).iter().any(is_cfg_test) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs = match item {
            syn::ImplItem::Const(c) => &c.attrs,
            syn::ImplItem::Fn(f) => &f.attrs,
            syn::ImplItem::Type(t) => &t.attrs,
            syn::ImplItem::Macro(m) => &m.attrs,
            _ => return visit::visit_impl_item(self, item),
        };
        if !attrs.iter().any(is_cfg_test) {
            visit::visit_impl_item(self, item);
        }
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        let attrs = match item {
            syn::TraitItem::Const(c) => &c.attrs,
            syn::TraitItem::Fn(f) => &f.attrs,
            syn::TraitItem::Type(t) => &t.attrs,
            syn::TraitItem::Macro(m) => &m.attrs,
            _ => return visit::visit_trait_item(self, item),
        };
        if !attrs.iter().any(is_cfg_test) {
            visit::visit_trait_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.scope.push(item.ident.to_string());
        visit::visit_item_mod(self, item);
        self.scope.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&item.tree, &mut Vec::new(), item.use_token.span.start().line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            if let Some(first) = path.segments.first() {
                self.add(&segments, first.ident.span().start().line);
            }
        }
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        visit::visit_macro(self, mac);
    }

    // Attributes are not code (doc comments are attributes), and `pub(in crate::a)` imports
    // nothing.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// The line a `use` tree starts on.
fn first_line(tree: &syn::UseTree) -> Option<usize> {
    match tree {
        syn::UseTree::Path(path) => Some(path.ident.span().start().line),
        syn::UseTree::Name(name) => Some(name.ident.span().start().line),
        syn::UseTree::Rename(rename) => Some(rename.ident.span().start().line),
        syn::UseTree::Glob(glob) => Some(glob.star_token.span.start().line),
        syn::UseTree::Group(group) => Some(group.brace_token.span.open().start().line),
    }
}

/// The path from the crate root that `segments` names when read in module `scope`, if it starts
/// with `crate`, `self` or `super` (a lone `self` is a value, not a path).
fn absolute(scope: &[String], segments: &[String]) -> Option<Vec<String>> {
    let (first, rest) = segments.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" if !rest.is_empty() => Some([scope, rest].concat()),
        "super" => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            let base = scope.get(..scope.len().checked_sub(ups)?)?;
            Some([base, &segments[ups..]].concat())
        }
        _ => None,
    }
}

/// Tarjan's strongly connected components of the graph `edges`.
fn strongly_connected(edges: &BTreeMap<ModulePath, BTreeMap<ModulePath, Place>>) -> Vec<Vec<ModulePath>> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<ModulePath, BTreeMap<ModulePath, Place>>,
        index: BTreeMap<&'a ModulePath, (usize, usize)>,
        stack: Vec<&'a ModulePath>,
        on_stack: BTreeSet<&'a ModulePath>,
        components: Vec<Vec<ModulePath>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, node: &'a ModulePath) {
            let number = self.index.len();
            self.index.insert(node, (number, number));
            self.stack.push(node);
            self.on_stack.insert(node);
            let edges = self.edges;
            for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.index.get(next).map_or(number, |&(_, low)| low);
                    self.lower(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.index.get(next).map_or(number, |&(n, _)| n);
                    self.lower(node, low);
                }
            }
            if self.index.get(node).is_some_and(|&(n, low)| n == low) {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.push(member.clone());
                    if member == node {
                        break;
                    }
                }
                component.sort();
                self.components.push(component);
            }
        }

        fn lower(&mut self, node: &ModulePath, low: usize) {
            if let Some(entry) = self.index.get_mut(node) {
                entry.1 = entry.1.min(low);
            }
        }
    }
    let mut tarjan =
        Tarjan { edges, index: BTreeMap::new(), stack: Vec::new(), on_stack: BTreeSet::new(), components: Vec::new() };
    for node in edges.keys() {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(node);
        }
    }
    tarjan.components.sort();
    tarjan.components
}

/// The shortest cycle through the first module of `component` (found breadth first), each edge
/// with the place that makes it; a component larger than that cycle is listed whole after it.
fn describe_cycle(component: &[ModulePath], edges: &BTreeMap<ModulePath, BTreeMap<ModulePath, Place>>) -> String {
    let Some(start) = component.first() else { return String::new() };
    let members: BTreeSet<&ModulePath> = component.iter().collect();
    let mut came_from: BTreeMap<&ModulePath, &ModulePath> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    'search: while let Some(node) = queue.pop_front() {
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys).filter(|n| members.contains(n)) {
            if came_from.contains_key(next) {
                continue;
            }
            came_from.insert(next, node);
            if next == start {
                break 'search;
            }
            queue.push_back(next);
        }
    }
    // Walk back from the start (as the cycle's end) to the start, then read the cycle forwards.
    let mut cycle = vec![start];
    let mut node = start;
    while let Some(&previous) = came_from.get(node) {
        cycle.push(previous);
        if previous == start {
            break;
        }
        node = previous;
    }
    cycle.reverse();
    let mut text = module_name(start);
    for pair in cycle.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let (file, line) = edges.get(from).and_then(|e| e.get(to)).cloned().unwrap_or_default();
        text.push_str(&format!(" -> {} ({file}:{line})", module_name(to)));
    }
    if component.len() >= cycle.len() {
        let all: Vec<String> = component.iter().map(|m| module_name(m)).collect();
        text.push_str(&format!(" [all of {} reach one another]", all.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Vec<Source> {
        files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
    }

    fn function(name: &str, body_lines: usize) -> String {
        format!("fn {name}() {{\n{}}}\n", "    let _ = 1;\n".repeat(body_lines))
    }

    #[test]
    fn long_functions_are_reported_with_their_line_and_length() {
        let text = format!(
            "//! A module.\n\n{}\n{}\nstruct S;\nimpl S {{\n    {}}}\n",
            function("short", 148),
            function("long", 149),
            function("method", 160).replace('\n', "\n    ")
        );
        let found = app_functions(&sources(&[("src/app/map/mod.rs", &text)])).unwrap();
        assert_eq!(found.functions, 2 + 1);
        assert_eq!(
            found.problems,
            [
                "src/app/map/mod.rs:154 long is 151 lines (limit 150)",
                "src/app/map/mod.rs:308 S::method is 162 lines (limit 150)"
            ]
        );
    }

    #[test]
    fn nested_functions_and_view_macros_are_measured_too() {
        let inner = function("inner", 151).replace('\n', "\n    ");
        let text = format!(
            "#[component]\npub fn Outer() -> impl IntoView {{\n    {inner}\n    view! {{ <div class=\"a\">{{move || 1}}</div> }}\n}}\n"
        );
        let found = app_functions(&sources(&[("src/app/a.rs", &text)])).unwrap();
        assert_eq!(found.functions, 2);
        assert_eq!(found.components, 1);
        assert_eq!(
            found.problems,
            ["src/app/a.rs:2 Outer is 157 lines (limit 150)", "src/app/a.rs:3 inner is 153 lines (limit 150)"]
        );
    }

    #[test]
    fn components_with_too_many_props_are_reported() {
        let text = "/// Doc.\n#[component]\npub fn Panel(a: u8, #[prop(into)] b: String, c: u8, d: u8) -> impl IntoView { a }\n\
                    #[leptos::component]\npub fn Wide(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8) -> impl IntoView { a }\n\
                    fn plain(a: u8, b: u8, c: u8, d: u8, e: u8) {}\n";
        let found = app_functions(&sources(&[("src/app/panel.rs", text)])).unwrap();
        assert_eq!(found.components, 2);
        assert_eq!(found.problems, ["src/app/panel.rs:5 Wide takes 6 props (limit 4)"]);
    }

    #[test]
    fn a_file_that_does_not_parse_is_an_error_naming_it() {
        let error = app_functions(&sources(&[("src/app/broken.rs", "fn a() {\n")])).unwrap_err();
        assert!(error.starts_with("src/app/broken.rs:"), "{error}");
    }

    #[test]
    fn modules_are_named_by_their_files() {
        let module = |path| module_of(path, "core/src").map(|m| module_name(&m));
        assert_eq!(module("core/src/lib.rs").as_deref(), Some("crate"));
        assert_eq!(module("core/src/a/mod.rs").as_deref(), Some("a"));
        assert_eq!(module("core/src/a/b.rs").as_deref(), Some("a::b"));
        assert_eq!(module("core/src/a/b/mod.rs").as_deref(), Some("a::b"));
        assert_eq!(module("core/srcx/a.rs"), None);
        assert_eq!(module("core/src/a/notes.md"), None);
    }

    #[test]
    fn a_cycle_is_reported_with_the_paths_that_make_it() {
        let files = sources(&[
            ("core/src/lib.rs", "//! Root.\npub mod data;\n"),
            ("core/src/data/mod.rs", "//! Data.\npub mod model;\npub mod reader;\n"),
            ("core/src/data/model.rs", "//! Model.\n\nuse crate::data::{reader::Reader, model::Own};\n"),
            (
                "core/src/data/reader/mod.rs",
                "//! Reader.\nmod fields;\n\n/// Uses crate::data::model in prose only.\npub fn read() -> crate::data::model::Dataset {\n    todo!()\n}\n",
            ),
            ("core/src/data/reader/fields.rs", "use crate::data::model::Dataset;\n"),
        ]);
        let graph = core_imports(&files, "core/src").unwrap();
        assert_eq!(graph.modules, 5);
        assert_eq!(graph.edges, 3);
        assert_eq!(
            graph.cycles,
            ["data::model -> data::reader (core/src/data/model.rs:3) -> data::model (core/src/data/reader/mod.rs:5)"]
        );
    }

    #[test]
    fn layered_imports_tests_and_declaring_parents_make_no_cycle() {
        let files = sources(&[
            ("core/src/lib.rs", "//! Root.\npub mod geo;\npub mod view;\n"),
            ("core/src/geo/mod.rs", "//! Geo.\npub mod point;\n#[cfg(test)]\nmod tests;\n"),
            (
                "core/src/geo/point.rs",
                "use crate::geo::point::Point;\nuse crate::geo;\n#[cfg(test)]\nmod tests {\n    use crate::view::V;\n}\n\
                 #[cfg(all(test, feature = \"x\"))]\nfn only_in_tests() { crate::view::f(); }\n",
            ),
            ("core/src/geo/tests.rs", "use crate::view::V;\n"),
            ("core/src/view.rs", "use crate::geo::point::Point;\n#[cfg(not(test))]\nfn f() { let _ = crate::geo::point::X; }\n"),
        ]);
        let graph = core_imports(&files, "core/src").unwrap();
        assert_eq!(graph.modules, 4, "the test-only geo::tests is left out");
        assert_eq!(graph.edges, 1, "only view -> geo::point");
        assert!(graph.cycles.is_empty(), "{:?}", graph.cycles);
    }

    #[test]
    fn a_parent_with_code_counts_and_grouped_macro_and_relative_paths_are_followed() {
        let files = sources(&[
            ("core/src/lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
            (
                "core/src/a/mod.rs",
                "pub mod kid;\npub const LIMIT: u8 = 1;\npub fn f() { kid::g(); let _ = self::kid::K; }\n",
            ),
            ("core/src/a/kid.rs", "pub fn g() -> u8 { super::LIMIT }\n"),
            ("core/src/b.rs", "use crate::{a::{self, kid::*}, c as see};\n"),
            ("core/src/c.rs", "pub fn h() { assert!(matches!(1, crate::b::ONE)); }\n"),
        ]);
        let graph = core_imports(&files, "core/src").unwrap();
        assert_eq!(
            graph.cycles,
            [
                "a -> a::kid (core/src/a/mod.rs:3) -> a (core/src/a/kid.rs:1)",
                "b -> c (core/src/b.rs:1) -> b (core/src/c.rs:1)"
            ]
        );
    }

    #[test]
    fn a_larger_knot_lists_every_module_in_it() {
        let files = sources(&[
            ("core/src/lib.rs", "mod x;\nmod y;\nmod z;\n"),
            ("core/src/x.rs", "use crate::y::A;\nuse crate::z::A;\n"),
            ("core/src/y.rs", "use crate::x::A;\n"),
            ("core/src/z.rs", "use crate::x::A;\n"),
        ]);
        let graph = core_imports(&files, "core/src").unwrap();
        assert_eq!(
            graph.cycles,
            ["x -> y (core/src/x.rs:1) -> x (core/src/y.rs:1) [all of x, y, z reach one another]"]
        );
    }

    #[test]
    fn relative_paths_resolve_against_the_module() {
        let scope = vec!["a".to_owned(), "b".to_owned()];
        let path = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(absolute(&scope, &path("crate::x::Y")), Some(path("x::Y")));
        assert_eq!(absolute(&scope, &path("self::c::D")), Some(path("a::b::c::D")));
        assert_eq!(absolute(&scope, &path("super::super::e")), Some(path("e")));
        assert_eq!(absolute(&scope, &path("super::super::super::e")), None);
        assert_eq!(absolute(&scope, &path("self")), None);
        assert_eq!(absolute(&scope, &path("std::mem")), None);
    }

    #[test]
    fn the_real_tree_parses() {
        let root = crate::repo_root();
        let app = read_sources(&root, "src/app", &[]).unwrap();
        assert!(app.iter().any(|(p, _)| p == "src/app/mod.rs"));
        app_functions(&app).unwrap();
        let core = read_sources(&root, "core/src", &["core/src/bin"]).unwrap();
        assert!(core.iter().all(|(p, _)| !p.starts_with("core/src/bin/")));
        let graph = core_imports(&core, "core/src").unwrap();
        assert!(graph.modules > 10 && graph.edges > 10, "{graph:?}");
    }
}
