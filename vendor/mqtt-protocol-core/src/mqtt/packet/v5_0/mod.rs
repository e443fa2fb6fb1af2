// MIT License
//
// Copyright (c) 2025 Takatoshi Kondo
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.
pub mod common;
mod connect;
pub use self::connect::Connect;
mod connack;
pub use self::connack::Connack;
mod subscribe;
pub use self::subscribe::GenericSubscribe;
pub use self::subscribe::Subscribe;
mod suback;
pub use self::suback::GenericSuback;
pub use self::suback::Suback;
mod unsubscribe;
pub use self::unsubscribe::GenericUnsubscribe;
pub use self::unsubscribe::Unsubscribe;
mod unsuback;
pub use self::unsuback::GenericUnsuback;
pub use self::unsuback::Unsuback;
mod publish;
pub use self::publish::GenericPublish;
pub use self::publish::Publish;
mod puback;
pub use self::puback::GenericPuback;
pub use self::puback::Puback;
mod pubrec;
pub use self::pubrec::GenericPubrec;
pub use self::pubrec::Pubrec;
mod pubrel;
pub use self::pubrel::GenericPubrel;
pub use self::pubrel::Pubrel;
mod pubcomp;
pub use self::pubcomp::GenericPubcomp;
pub use self::pubcomp::Pubcomp;
mod pingreq;
pub use self::pingreq::Pingreq;
mod pingresp;
pub use self::pingresp::Pingresp;
mod disconnect;
pub use self::disconnect::Disconnect;
mod auth;
pub use self::auth::Auth;
