"""jinzai.pipeline"""
