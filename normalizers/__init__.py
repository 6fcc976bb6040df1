"""jinzai.normalizers"""
