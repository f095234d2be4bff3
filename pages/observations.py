"""Placeholder until this page is built."""

import streamlit as st

st.info("此页面正在建设中。")
