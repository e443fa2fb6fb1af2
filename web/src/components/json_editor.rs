//! A textarea for JSON that says, as you type, whether it is a valid object.

use crate::services::commands::validate_desired;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`JsonEditor`].
#[derive(Properties, PartialEq)]
pub struct JsonEditorProps {
    /// The text.
    pub value: AttrValue,
    /// New text.
    pub on_change: Callback<String>,
}

/// The editor with its validation line.
#[component]
pub fn JsonEditor(props: &JsonEditorProps) -> Html {
    let oninput = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    let check = validate_desired(&props.value);
    html! {
        <div class="json-editor">
            <textarea id="desired" rows="6" spellcheck="false" value={props.value.clone()} {oninput}
                class={classes!(check.is_err().then_some("invalid"))} />
            <div id="json-check" class={classes!("json-check", if check.is_ok() { "ok" } else { "bad" })}>
                { match check { Ok(_) => "valid JSON object".to_string(), Err(e) => e.to_string() } }
            </div>
        </div>
    }
}
