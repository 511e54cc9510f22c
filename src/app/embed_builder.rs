//! "Embed this map": a modal dialog for a city's web editor. It starts from what the map shows
//! now (view, open panel, filters, language), offers the embed options as form fields, shows a
//! live preview (an iframe of the app itself) and the code to paste, as a plain iframe and as a
//! responsive one with the host script. The address is written by the core
//! (`EmbedOptions::query_pairs`, `UrlState::standalone_query`), the code too (`embed_snippet`).
//!
//! A native `<dialog>` opened with `showModal()`: the browser keeps focus inside, makes the page
//! behind it inert, closes it on Escape and gives focus back to the button that opened it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use innomap_core::explore::embed_snippet::{iframe_snippet, responsive_snippet, SnippetParts};
use innomap_core::explore::url_state::{
    read_origin, EmbedControls, EmbedGestures, EmbedHeight, EmbedOptions, EmbedScheme,
};

use super::data_files::CheckFileButton;
use super::downloads::closes_on_escape;
use super::state::use_app_state;
use crate::platform::embed::app_address;
use crate::platform::{copy_text, on_next_frame, FocusReturn};

/// The height a fixed embed starts with, in CSS pixels.
const DEFAULT_HEIGHT_PX: u32 = 480;
/// The heights the field accepts.
const HEIGHT_RANGE_PX: (u32, u32) = (320, 1200);

/// The header's menu of tools for a city's web editor: "Embed this map" and "Check your own
/// data file". The dialog stands outside the menu, which hides what it holds when it closes.
#[component]
pub fn WebEditorTools() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let menu = NodeRef::<leptos::html::Details>::new();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The dialog's contents (and the preview's iframe) exist only while it is open.
    let open = RwSignal::new(false);
    // Given back when the dialog closes: the browser would give focus back to the menu's item,
    // which the closed menu hides.
    let focus_return = StoredValue::new_local(FocusReturn::default());
    let show = move |_| {
        if let Some(details) = menu.get_untracked() {
            details.set_open(false);
            focus_return.set_value(FocusReturn::of_summary(&details));
        }
        open.set(true);
        // Once the form is built, so the browser focuses its first control, not the dialog.
        on_next_frame(move || {
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
        });
    };
    let closed = move |_| {
        open.set(false);
        focus_return.with_value(FocusReturn::restore);
    };
    view! {
        <details class="tools" node_ref=menu on:keydown=closes_on_escape(menu)>
            <summary>{move || text().web_editor_tools()}</summary>
            <div class="tools__menu">
                <button type="button" class="tools__item embed-builder__open" on:click=show>
                    {move || text().embed_this_map()}
                </button>
                <CheckFileButton />
            </div>
        </details>
        <dialog class="embed-builder" node_ref=dialog aria-labelledby="embed-builder-title" on:close=closed
            // Escape closes the dialog (the browser's own "cancel"), and nothing behind it: not the
            // open panel, not a menu.
            on:keydown=|ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { ev.stop_propagation() }>
            {move || open.get().then(|| view! { <BuilderForm dialog=dialog /> })}
        </dialog>
    }
}

/// The options, the preview and the two snippets.
#[component]
fn BuilderForm(dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let options = RwSignal::new(EmbedOptions::default());
    let height_px = RwSignal::new(DEFAULT_HEIGHT_PX);
    let origins_written = RwSignal::new(String::new());
    // Each entry of the origins field, read as the map will read it.
    let origins = Memo::new(move |_| {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for entry in origins_written.get().split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match read_origin(entry) {
                Some(origin) => good.push(origin),
                None => bad.push(entry.to_owned()),
            }
        }
        (good, bad)
    });
    // The map's state now, without the embed's own options, then the chosen ones.
    let query = Memo::new(move |_| {
        let base = state.url_state.with(|s| s.standalone_query(&state.other_parameters.get_value()));
        let pairs = options.get().query_pairs(&origins.with(|(good, _)| good.clone())).join("&");
        if base.is_empty() {
            format!("?{pairs}")
        } else {
            format!("{base}&{pairs}")
        }
    });
    let address = StoredValue::new(app_address());
    let snippet = move |responsive: bool| {
        let address = address.get_value();
        let parts = SnippetParts {
            app_address: &address,
            query: &query.get(),
            title: text().embed_frame_title(),
            height_px: height_px.get(),
        };
        if responsive {
            responsive_snippet(&parts)
        } else {
            iframe_snippet(&parts)
        }
    };
    let preview_address = {
        let address = app_address();
        move || format!("{address}{}", query.get())
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <div class="embed-builder__head">
            <h2 id="embed-builder-title">{move || text().embed_this_map()}</h2>
            <button type="button" class="panel__close embed-builder__close" aria-label=move || text().close_dialog() on:click=close>
                <span aria-hidden="true">"×"</span>
            </button>
        </div>
        <p class="embed-builder__intro">{move || text().embed_intro()}</p>
        <div class="embed-builder__body">
            <OptionsForm options=options height_px=height_px origins_written=origins_written origins=origins />
            <section class="embed-builder__preview" aria-labelledby="embed-builder-preview-title">
                <h3 id="embed-builder-preview-title">{move || text().embed_preview()}</h3>
                <iframe
                    class="embed-builder__frame"
                    title=move || text().embed_frame_title()
                    src=preview_address
                    height=move || height_px.get().to_string()
                    allow="fullscreen"
                ></iframe>
            </section>
        </div>
        <Snippet label=Signal::derive(move || text().embed_snippets()[0]) code=Signal::derive(move || snippet(false)) />
        <Snippet label=Signal::derive(move || text().embed_snippets()[1]) code=Signal::derive(move || snippet(true)) />
    }
}

/// The embed's options as form fields: controls, colours, gestures, height, and the sites that
/// may talk with the map (`origins`, each entry checked as the map will check it).
#[component]
fn OptionsForm(
    options: RwSignal<EmbedOptions>,
    height_px: RwSignal<u32>,
    origins_written: RwSignal<String>,
    origins: Memo<(Vec<String>, Vec<String>)>,
) -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    view! {
        <form class="embed-builder__options" on:submit=|ev| ev.prevent_default()>
            <Choices
                legend=Signal::derive(move || text().embed_controls()[0])
                name="controls"
                choices=vec![
                    (Signal::derive(move || text().embed_controls()[1]), EmbedControls::Full),
                    (Signal::derive(move || text().embed_controls()[2]), EmbedControls::Minimal),
                    (Signal::derive(move || text().embed_controls()[3]), EmbedControls::None),
                ]
                chosen=(Signal::derive(move || options.get().controls), Callback::new(move |c| options.update(|o| o.controls = c)))
            />
            <Choices
                legend=Signal::derive(move || text().embed_scheme()[0])
                name="scheme"
                choices=vec![
                    (Signal::derive(move || text().embed_scheme()[1]), EmbedScheme::Auto),
                    (Signal::derive(move || text().embed_scheme()[2]), EmbedScheme::Light),
                    (Signal::derive(move || text().embed_scheme()[3]), EmbedScheme::Dark),
                ]
                chosen=(Signal::derive(move || options.get().scheme), Callback::new(move |s| options.update(|o| o.scheme = s)))
            />
            <Choices
                legend=Signal::derive(move || text().embed_gestures()[0])
                name="gestures"
                choices=vec![
                    (Signal::derive(move || text().embed_gestures()[1]), EmbedGestures::Cooperative),
                    (Signal::derive(move || text().embed_gestures()[2]), EmbedGestures::Greedy),
                ]
                chosen=(Signal::derive(move || options.get().gestures), Callback::new(move |g| options.update(|o| o.gestures = g)))
            />
            <Choices
                legend=Signal::derive(move || text().embed_height()[0])
                name="height"
                choices=vec![
                    (Signal::derive(move || text().embed_height()[1]), EmbedHeight::Fixed),
                    (Signal::derive(move || text().embed_height()[2]), EmbedHeight::Auto),
                ]
                chosen=(Signal::derive(move || options.get().height), Callback::new(move |h| options.update(|o| o.height = h)))
            />
            <label class="embed-builder__field">
                {move || text().embed_height()[3]}
                <input
                    type="number"
                    name="height-px"
                    min=HEIGHT_RANGE_PX.0
                    max=HEIGHT_RANGE_PX.1
                    step="10"
                    prop:value=move || height_px.get().to_string()
                    on:change=move |ev| {
                        let (low, high) = HEIGHT_RANGE_PX;
                        if let Ok(px) = event_target_value(&ev).trim().parse::<u32>() {
                            height_px.set(px.clamp(low, high));
                        }
                    }
                />
            </label>
            <label class="embed-builder__field">
                {move || text().embed_origins()[0]}
                <input
                    type="text"
                    name="origins"
                    inputmode="url"
                    autocomplete="url"
                    aria-describedby="embed-builder-origins-help"
                    prop:value=move || origins_written.get()
                    on:change=move |ev| origins_written.set(event_target_value(&ev))
                />
            </label>
            <p id="embed-builder-origins-help" class="embed-builder__help">
                {move || text().embed_origins()[1]}
                {move || origins.with(|(_, bad)| (!bad.is_empty()).then(|| view! {
                    " "<strong class="embed-builder__problem">{text().embed_origins_not_used(&bad.join(", "))}</strong>
                }))}
            </p>
        </form>
    }
}

/// A group of radio buttons for one option.
#[component]
fn Choices<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: Signal<&'static str>,
    name: &'static str,
    choices: Vec<(Signal<&'static str>, T)>,
    chosen: (Signal<T>, Callback<T>),
) -> impl IntoView {
    let (current, choose) = chosen;
    view! {
        <fieldset class="embed-builder__choices">
            <legend>{legend}</legend>
            {choices.into_iter().map(|(label, value)| view! {
                <label>
                    <input
                        type="radio"
                        name=name
                        prop:checked=move || current.get() == value
                        on:change=move |_| choose.run(value)
                    />
                    {label}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// A snippet to copy: read-only, selectable, with a copy button that says when it has copied.
#[component]
fn Snippet(label: Signal<&'static str>, code: Signal<String>) -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let code = code.get_untracked();
        spawn_local(async move {
            copied.try_set(copy_text(&code).await);
        });
    };
    Effect::new(move |_| {
        code.track();
        copied.set(false);
    });
    view! {
        <div class="embed-builder__snippet">
            <label>
                {label}
                <textarea readonly rows="4" spellcheck="false" prop:value=move || code.get()></textarea>
            </label>
            <button type="button" class="button" on:click=copy>{move || text().copy_code()[0]}</button>
            <span class="embed-builder__copied" role="status">{move || copied.get().then(|| text().copy_code()[1])}</span>
        </div>
    }
}
