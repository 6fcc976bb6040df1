"""jinzai.flows"""
