//! The dashboard's pages: the connect screen and the four views (which one
//! is shown is [`Page`], kept in the URL: see [`crate::route`]).

pub mod broker;
pub mod command;
pub mod connect;
pub mod devices;
pub mod reported;

pub use crate::route::Page;
