def main():
    from dkg.schema import x
    print(x)
